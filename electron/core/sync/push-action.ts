import type { OutboxRow, OutboxState } from '../db/schema';
import { MarketplaceError, type Connector, type RemotePosting } from '../marketplace/connector';
import type { PostingConflict } from '../postings/postings.repo';
import { ALREADY_DONE, type ActionName, type ActionPayloads } from '../outbox/actions';

/** What became of one attempt; the engine writes it down. */
export interface Outcome {
  state: OutboxState;
  /** For states that will be worked on again: wait at least this long. */
  retryAfterMs?: number | undefined;
  /** True when the wait should grow with each attempt (failures), false for plain polling. */
  backoff?: boolean;
  error?: { kind: string; message: string } | undefined;
  /** A fresh copy of the posting read back from the marketplace, to store. */
  posting?: RemotePosting | undefined;
  conflict?: PostingConflict | undefined;
}

/** How long Ozon usually takes to apply an accepted ship before a read-back shows it. */
const VERIFY_AFTER_MS = 2_000;
/** Read-backs of an accepted ship that still shows "to pack" before it is sent again. */
const MAX_VERIFY_CHECKS = 20;

function fromError(error: unknown, action: ActionName): Outcome {
  if (!(error instanceof MarketplaceError)) {
    return {
      state: 'pending',
      backoff: true,
      error: { kind: 'transient', message: String(error) },
    };
  }
  const described = { kind: error.kind, message: error.message };
  switch (error.kind) {
    case 'rejected':
      if (error.details.code && ALREADY_DONE[action]?.includes(error.details.code)) {
        return { state: 'done' };
      }
      return { state: 'rejected', error: described };
    case 'uncertain':
      // The request may have taken effect: find out before sending anything again.
      return { state: 'uncertain', retryAfterMs: 0, error: described };
    default:
      return {
        state: 'pending',
        backoff: true,
        retryAfterMs: error.details.retryAfterMs,
        error: described,
      };
  }
}

/** Sends a pending action once. Never retries by itself: the engine schedules the next try. */
export async function sendAction(connector: Connector, row: OutboxRow): Promise<Outcome> {
  const action = row.action as ActionName;
  try {
    switch (action) {
      case 'ship': {
        const payload = JSON.parse(row.payload) as ActionPayloads['ship'];
        await connector.ship(payload.postingNumber, payload.packages);
        // HTTP 200 is not success on Ozon: the ship is applied later and must be read back.
        return { state: 'verifying', retryAfterMs: VERIFY_AFTER_MS };
      }
      case 'cancel': {
        const payload = JSON.parse(row.payload) as ActionPayloads['cancel'];
        await connector.cancel(payload.postingNumber, payload.reasonId, payload.message);
        return { state: 'verifying', retryAfterMs: 0 };
      }
      case 'archive': {
        const payload = JSON.parse(row.payload) as ActionPayloads['archive'];
        await connector.setArchived([payload.productId], payload.archived);
        return { state: 'done' };
      }
      case 'tracking':
      case 'delivering':
      case 'delivered': {
        const payload = JSON.parse(row.payload) as ActionPayloads['tracking'];
        const result =
          action === 'tracking'
            ? await connector.setTrackingNumber(payload.postingNumber, payload.trackingNumber)
            : action === 'delivering'
              ? await connector.markDelivering(payload.postingNumber)
              : await connector.markDelivered(payload.postingNumber);
        return result.ok
          ? { state: action === 'tracking' ? 'done' : 'verifying', retryAfterMs: 0 }
          : {
              state: 'rejected',
              error: {
                kind: 'rejected',
                message: result.errors.map((e) => e.message || e.code).join('; '),
              },
            };
      }
      case 'stock':
        throw new Error('Stock actions are sent in batches by the engine');
    }
  } catch (error) {
    return fromError(error, action);
  }
  return {
    state: 'rejected',
    error: { kind: 'rejected', message: `Unknown action ${row.action}` },
  };
}

/** Did the marketplace apply the action? Reads the posting back and decides. */
export async function verifyAction(connector: Connector, row: OutboxRow): Promise<Outcome> {
  const action = row.action as ActionName;
  // Stock levels and archive flags are absolute: sending them again is harmless.
  if (action === 'stock' || action === 'archive' || action === 'tracking') {
    return { state: 'pending', retryAfterMs: 0 };
  }
  const { postingNumber } = JSON.parse(row.payload) as { postingNumber: string };
  let posting: RemotePosting | null;
  try {
    posting = await connector.getPosting(postingNumber);
  } catch (error) {
    const outcome = fromError(error, action);
    // A failed read-back leaves the action where it was; only the wait changes, and it grows,
    // so a read that keeps failing can never spin the pusher.
    return {
      ...outcome,
      backoff: true,
      state: row.state === 'uncertain' ? 'uncertain' : 'verifying',
    };
  }
  if (!posting) {
    return {
      state: 'rejected',
      error: {
        kind: 'rejected',
        message: `Posting ${postingNumber} no longer exists on the marketplace`,
      },
    };
  }
  const resend: Outcome = { state: 'pending', retryAfterMs: 0, posting };
  const wait: Outcome =
    row.state === 'verifying' && row.attempts < MAX_VERIFY_CHECKS
      ? { state: 'verifying', retryAfterMs: VERIFY_AFTER_MS, posting }
      : resend;
  switch (action) {
    case 'ship':
      if (['packed', 'in_delivery', 'delivered'].includes(posting.status))
        return { state: 'done', posting };
      if (posting.status === 'cancelled') {
        return {
          state: 'rejected',
          posting,
          error: {
            kind: 'rejected',
            message: `Posting ${postingNumber} was cancelled on the marketplace`,
          },
          conflict: {
            postingNumber,
            kind: 'cancelled_after_packing',
            message: `Posting ${postingNumber} was cancelled on the marketplace after it was packed`,
          },
        };
      }
      if (posting.marketplaceSubstatus === 'ship_failed') {
        // Accepted with HTTP 200, then not carried out: sent again, and said so until it goes
        // through, so an older error (a 429 before the accepted try) does not stand for it.
        return {
          ...resend,
          error: {
            kind: 'ship_failed',
            message: 'Ozon did not accept the shipment; Packdesk is sending it again',
          },
        };
      }
      return row.state === 'uncertain' ? resend : wait;
    case 'cancel':
      return posting.status === 'cancelled'
        ? { state: 'done', posting }
        : row.state === 'uncertain'
          ? resend
          : wait;
    case 'delivering':
      return ['in_delivery', 'delivered'].includes(posting.status)
        ? { state: 'done', posting }
        : row.state === 'uncertain'
          ? resend
          : wait;
    case 'delivered':
      return posting.status === 'delivered'
        ? { state: 'done', posting }
        : row.state === 'uncertain'
          ? resend
          : wait;
    default:
      return resend;
  }
}
