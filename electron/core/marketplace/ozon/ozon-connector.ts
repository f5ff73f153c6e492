import type { ShipmentPackage } from '../../../../shared/domain/postings';
import {
  MarketplaceError,
  type CancelReason,
  type Connector,
  type ConnectorCapabilities,
  type CredentialsInfo,
  type ItemResult,
  type LabelResult,
  type Page,
  type PostingQuery,
  type RemotePosting,
  type RemoteProduct,
  type RemoteWarehouse,
  type StockUpdate,
} from '../connector';
import type { OzonHttp } from './http';
import {
  arrayOf,
  boolOf,
  dateOf,
  idOf,
  int64,
  isObject,
  objectOf,
  stringsOf,
  textOf,
  type JsonObject,
} from './json';
import {
  itemErrors,
  malformed,
  mapCancelReason,
  mapPosting,
  mapPostingResult,
  mapProduct,
  mapWarehouse,
  REASON_NEEDING_MESSAGE,
  replyObject,
  requireArray,
} from './mappers';

/** Ozon caps the period of `/v4/posting/fbs/list` at one year; 365 days is within it either way. */
const MAX_LIST_PERIOD_MS = 365 * 24 * 60 * 60 * 1000;
const POSTING_PAGE = 100;
const PRODUCT_PAGE = 1000;
const WAREHOUSE_PAGE = 200;
/** Per-call caps from §1.3; the engine batches, so more is a bug on our side. */
export const MAX_STOCKS_PER_CALL = 100;
export const MAX_ARCHIVE_PER_CALL = 100;
/** An async label task usually completes within seconds. */
const LABEL_TASK_RETRY_MS = 2_000;
/** Ozon advises 45–60 s between packing and the first label request (§3.3). */
const LABEL_NOT_READY_RETRY_MS = 15_000;

const READ = { mutating: false } as const;
const WRITE = { mutating: true } as const;

const CAPABILITIES: ConnectorCapabilities = {
  postings: true,
  products: true,
  warehouses: true,
  ship: true,
  cancel: true,
  stockUpdate: true,
  archive: true,
  labels: true,
  rfbsDelivery: true,
  chats: false,
  returns: false,
};

/**
 * `/v3/product/list` with visibility ALL leaves out archived cards, yet the seller must see
 * them to unarchive them; so the listing runs twice (ALL, then ARCHIVED) behind one cursor.
 */
const PRODUCT_PHASES = ['ALL', 'ARCHIVED'] as const;
type ProductPhase = (typeof PRODUCT_PHASES)[number];

export class OzonConnector implements Connector {
  readonly marketplace = 'ozon';
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: OzonHttp) {}

  async checkCredentials(): Promise<CredentialsInfo> {
    const body = replyObject(await this.http.post('/v1/roles', {}, READ), '/v1/roles');
    return {
      expiresAt: dateOf(body['expires_at']),
      roles: arrayOf(body['roles'])
        .map((role) => textOf(objectOf(role)['name']))
        .filter((name) => name !== ''),
    };
  }

  async listPostings(query: PostingQuery): Promise<Page<RemotePosting>> {
    if (query.changedSince > query.until) {
      throw new RangeError('listPostings: changedSince is after until');
    }
    // Whole seconds, widened outwards: the spec's format has none, and an overlap is harmless
    // (postings are upserted) while a gap loses a status change.
    const to = Math.ceil(query.until / 1000) * 1000;
    const from = Math.floor(query.changedSince / 1000) * 1000;
    const reply = await this.http.post(
      '/v4/posting/fbs/list',
      {
        filter: {
          // The posting's own period; a posting whose status changes now may be months old.
          since: rfc3339(to - MAX_LIST_PERIOD_MS),
          to: rfc3339(to),
          last_changed_status_date: { from: rfc3339(from), to: rfc3339(to) },
        },
        limit: POSTING_PAGE,
        cursor: query.cursor ?? '',
        sort_dir: 'ASC',
        with: { barcodes: true },
      },
      READ,
    );
    const body = replyObject(reply, '/v4/posting/fbs/list');
    const items = requireArray(body, 'postings', '/v4/posting/fbs/list').map(mapPosting);
    const cursor = textOf(body['cursor']);
    if (boolOf(body['has_next']) && cursor === '') {
      throw malformed('/v4/posting/fbs/list: has_next without a cursor');
    }
    return { items, next: boolOf(body['has_next']) ? cursor : null };
  }

  async getPosting(postingNumber: string): Promise<RemotePosting | null> {
    let reply: unknown;
    try {
      reply = await this.http.post(
        '/v3/posting/fbs/get',
        { posting_number: postingNumber, with: { barcodes: true } },
        READ,
      );
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const result = replyObject(reply, '/v3/posting/fbs/get')['result'];
    if (!isObject(result)) throw malformed('/v3/posting/fbs/get: no result');
    return mapPosting(result);
  }

  async listProducts(cursor: string | null): Promise<Page<RemoteProduct>> {
    const { phase, lastId } = decodeProductCursor(cursor);
    const listReply = await this.http.post(
      '/v3/product/list',
      { filter: { visibility: phase }, last_id: lastId, limit: PRODUCT_PAGE },
      READ,
    );
    const result = objectOf(replyObject(listReply, '/v3/product/list')['result']);
    const listed = requireArray(result, 'items', '/v3/product/list').map(objectOf);
    const nextLastId = textOf(result['last_id']);
    const phaseDone = listed.length < PRODUCT_PAGE || nextLastId === '';
    const nextPhase = PRODUCT_PHASES[PRODUCT_PHASES.indexOf(phase) + 1];
    const next = !phaseDone
      ? encodeProductCursor(phase, nextLastId)
      : nextPhase
        ? encodeProductCursor(nextPhase, '')
        : null;

    const ids = listed.map((item) => idOf(item['product_id'])).filter((id) => id !== null);
    if (ids.length === 0) return { items: [], next };
    const infoReply = await this.http.post(
      '/v3/product/info/list',
      // The spec types these ids as int64 strings; strings also keep them exact.
      { product_id: ids },
      READ,
    );
    const infos = requireArray(
      replyObject(infoReply, '/v3/product/info/list'),
      'items',
      '/v3/product/info/list',
    ).map(objectOf);
    const listedById = new Map(listed.map((item) => [idOf(item['product_id']), item]));
    // A card deleted between the two calls is simply absent from info; the next listing settles it.
    const items = infos.map((info) => mapProduct(info, listedById.get(idOf(info['id']))));
    return { items, next };
  }

  async listWarehouses(): Promise<RemoteWarehouse[]> {
    const warehouses: RemoteWarehouse[] = [];
    let cursor = '';
    for (;;) {
      const reply = await this.http.post(
        '/v2/warehouse/list',
        { limit: WAREHOUSE_PAGE, cursor },
        READ,
      );
      const body = replyObject(reply, '/v2/warehouse/list');
      warehouses.push(...requireArray(body, 'warehouses', '/v2/warehouse/list').map(mapWarehouse));
      const next = textOf(body['cursor']);
      if (!boolOf(body['has_next'])) return warehouses;
      if (next === '' || next === cursor) throw malformed('/v2/warehouse/list: cursor stuck');
      cursor = next;
    }
  }

  async ship(postingNumber: string, packages: ShipmentPackage[]): Promise<string[]> {
    if (packages.length === 0 || packages.some((pkg) => pkg.items.length === 0)) {
      throw new RangeError('ship: every package needs at least one item');
    }
    const reply = await this.http.post(
      '/v4/posting/fbs/ship',
      {
        posting_number: postingNumber,
        packages: packages.map((pkg) => ({
          products: pkg.items.map((item) => ({
            // Named product_id, but Ozon means the SKU here (§1.4).
            product_id: int64(item.sku, 'sku'),
            quantity: positiveInt(item.quantity, 'quantity'),
          })),
        })),
        with: { additional_data: false },
      },
      WRITE,
    );
    const result = replyObject(reply, '/v4/posting/fbs/ship')['result'];
    const numbers = stringsOf(result);
    // The call went through, so a reply we cannot read leaves the outcome open, not refused.
    if (!Array.isArray(result) || numbers.length === 0) {
      throw new MarketplaceError('uncertain', '/v4/posting/fbs/ship: no posting numbers in reply');
    }
    return numbers;
  }

  async cancelReasons(): Promise<CancelReason[]> {
    const reply = await this.http.post('/v2/posting/fbs/cancel-reason/list', {}, READ);
    const body = replyObject(reply, '/v2/posting/fbs/cancel-reason/list');
    return requireArray(body, 'result', '/v2/posting/fbs/cancel-reason/list')
      .filter((reason) => objectOf(reason)['is_available_for_cancellation'] !== false)
      .map(mapCancelReason)
      .filter((reason) => reason !== null);
  }

  async cancel(postingNumber: string, reasonId: string, message?: string): Promise<void> {
    const text = message?.trim() ?? '';
    if (reasonId === REASON_NEEDING_MESSAGE && text === '') {
      // Ozon would refuse it too; saying so here spares a call and names the fix.
      throw new MarketplaceError('rejected', 'Cancel reason 402 needs a message', {
        code: 'CANCEL_MESSAGE_REQUIRED',
      });
    }
    const reply = await this.http.post(
      '/v2/posting/fbs/cancel',
      {
        posting_number: postingNumber,
        cancel_reason_id: int64(reasonId, 'cancel reason'),
        ...(text === '' ? {} : { cancel_reason_message: text }),
      },
      WRITE,
    );
    if (replyObject(reply, '/v2/posting/fbs/cancel')['result'] === false) {
      throw new MarketplaceError('rejected', `Ozon did not cancel ${postingNumber}`, {
        code: 'CANCEL_NOT_APPLIED',
      });
    }
  }

  async updateStocks(updates: StockUpdate[]): Promise<ItemResult<StockUpdate>[]> {
    if (updates.length > MAX_STOCKS_PER_CALL) {
      throw new RangeError(`updateStocks: at most ${MAX_STOCKS_PER_CALL} per call`);
    }
    // An item that cannot be written fails alone, before the call: it must not sink the others.
    const refused: ItemResult<StockUpdate>[] = [];
    const sendable: { update: StockUpdate; line: JsonObject }[] = [];
    for (const update of updates) {
      const line = stockLine(update);
      if (typeof line === 'string') {
        refused.push({ key: update, ok: false, errors: [{ code: 'INVALID_ITEM', message: line }] });
      } else sendable.push({ update, line });
    }
    if (sendable.length === 0) return refused;
    const reply = await this.http.post(
      '/v2/products/stocks',
      { stocks: sendable.map(({ line }) => line) },
      WRITE,
    );
    const results = requireArray(
      replyObject(reply, '/v2/products/stocks'),
      'result',
      '/v2/products/stocks',
    ).map(objectOf);
    // Match by (offer, warehouse), not by position: Ozon does not promise the order.
    const pending = new Map<string, JsonObject[]>();
    for (const result of results) {
      const key = stockKey(textOf(result['offer_id']), idOf(result['warehouse_id']) ?? '');
      pending.set(key, [...(pending.get(key) ?? []), result]);
    }
    const reported = sendable.flatMap(({ update }): ItemResult<StockUpdate>[] => {
      const result = pending.get(stockKey(update.offerId, idOf(update.warehouseId) ?? ''))?.shift();
      if (!result) return [];
      const errors = itemErrors(result['errors']);
      // An item is applied only when Ozon says so and names no error for it (§1.2).
      const ok = boolOf(result['updated']) && errors.length === 0;
      if (!ok && errors.length === 0) {
        errors.push({ code: 'NOT_UPDATED', message: 'Ozon did not update this item' });
      }
      return [{ key: update, ok, errors: ok ? [] : errors }];
    });
    return [...refused, ...reported];
  }

  async setArchived(productIds: string[], archived: boolean): Promise<void> {
    if (productIds.length > MAX_ARCHIVE_PER_CALL) {
      throw new RangeError(`setArchived: at most ${MAX_ARCHIVE_PER_CALL} per call`);
    }
    if (productIds.length === 0) return;
    const path = archived ? '/v1/product/archive' : '/v1/product/unarchive';
    const reply = await this.http.post(
      path,
      { product_id: productIds.map((id) => int64(id, 'productId')) },
      WRITE,
    );
    if (replyObject(reply, path)['result'] === false) {
      throw new MarketplaceError('rejected', `${path} was not applied`, { code: 'NOT_APPLIED' });
    }
  }

  /**
   * The label through the asynchronous API (create a task, poll it, download `file_url`),
   * falling back to the legacy synchronous call while an account or the sandbox lacks the new
   * one. Creating a task changes nothing at Ozon, so these calls are read-only for retries.
   */
  async getLabel(postingNumber: string, taskId: string | null): Promise<LabelResult> {
    try {
      if (taskId !== null) {
        try {
          return await this.pollLabelTask(taskId);
        } catch (error) {
          // An expired or unknown task is not the posting's fault: start a new one.
          if (!isTaskGone(error)) throw error;
        }
      }
      return await this.pollLabelTask(await this.createLabelTask(postingNumber));
    } catch (error) {
      if (isMissingMethod(error)) return this.legacyLabel(postingNumber);
      if (isNotReady(error)) {
        return { state: 'pending', retryAfterMs: LABEL_NOT_READY_RETRY_MS, taskId: null };
      }
      throw error;
    }
  }

  private async createLabelTask(postingNumber: string): Promise<string> {
    const reply = await this.http.post(
      '/v3/posting/fbs/package-label/create',
      { posting_numbers: [postingNumber] },
      READ,
    );
    const tasks = requireArray(
      replyObject(reply, '/v3/posting/fbs/package-label/create'),
      'tasks',
      '/v3/posting/fbs/package-label/create',
    ).map(objectOf);
    // The big label is the standard package label; the small one is an alternative format.
    const task = tasks.find((t) => textOf(t['task_type']) === 'big_label') ?? tasks[0];
    const id = task ? idOf(task['task_id']) : null;
    if (id === null) throw malformed('/v3/posting/fbs/package-label/create: no task id');
    return id;
  }

  private async pollLabelTask(taskId: string): Promise<LabelResult> {
    const reply = await this.http.post(
      '/v2/posting/fbs/package-label/get',
      { task_id: int64(taskId, 'taskId') },
      READ,
    );
    const body = replyObject(reply, '/v2/posting/fbs/package-label/get');
    const statusField = body['status'];
    const state = isObject(statusField) ? textOf(statusField['code']) : textOf(statusField);
    if (state === 'completed') {
      const url = textOf(body['file_url']);
      if (url === '') throw malformed('Label task completed without a file_url');
      return { state: 'ready', pdf: await this.http.download(url) };
    }
    if (state === 'pending' || state === 'in_progress' || state === '') {
      return { state: 'pending', retryAfterMs: LABEL_TASK_RETRY_MS, taskId };
    }
    // A failed task is final for that task; if it failed only because the posting was not yet
    // ready, a later request starts a new one.
    const errors = [
      ...itemErrors(body['error']),
      ...arrayOf(isObject(statusField) ? statusField['unprinted_postings'] : undefined).flatMap(
        (item) => itemErrors(objectOf(item)['message']),
      ),
    ];
    const text = errors.map((e) => e.message).join('; ');
    if (/aren't ready|not[ _]ready/i.test(text)) {
      return { state: 'pending', retryAfterMs: LABEL_NOT_READY_RETRY_MS, taskId: null };
    }
    throw new MarketplaceError('rejected', `Label task ${taskId} failed: ${text || state}`, {
      code: errors[0]?.code ?? 'LABEL_TASK_FAILED',
    });
  }

  private async legacyLabel(postingNumber: string): Promise<LabelResult> {
    let reply;
    try {
      reply = await this.http.postForFile(
        '/v2/posting/fbs/package-label',
        { posting_number: [postingNumber] },
        READ,
      );
    } catch (error) {
      if (isNotReady(error)) {
        return { state: 'pending', retryAfterMs: LABEL_NOT_READY_RETRY_MS, taskId: null };
      }
      throw error;
    }
    if (reply.kind === 'pdf') return { state: 'ready', pdf: reply.bytes };
    // The spec still describes a JSON wrapper with base64 content; accept it if it comes.
    const content = textOf(objectOf(reply.value)['file_content']);
    const pdf = content === '' ? null : Buffer.from(content, 'base64');
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw malformed('/v2/posting/fbs/package-label: the reply holds no PDF');
    }
    return { state: 'ready', pdf: new Uint8Array(pdf) };
  }

  setTrackingNumber(postingNumber: string, trackingNumber: string): Promise<ItemResult<string>> {
    return this.rfbs(postingNumber, '/v2/fbs/posting/tracking-number/set', {
      tracking_numbers: [{ posting_number: postingNumber, tracking_number: trackingNumber }],
    });
  }

  markDelivering(postingNumber: string): Promise<ItemResult<string>> {
    return this.rfbs(postingNumber, '/v2/fbs/posting/delivering', {
      posting_number: [postingNumber],
    });
  }

  markDelivered(postingNumber: string): Promise<ItemResult<string>> {
    return this.rfbs(postingNumber, '/v2/fbs/posting/delivered', {
      posting_number: [postingNumber],
    });
  }

  private async rfbs(postingNumber: string, path: string, body: unknown) {
    return mapPostingResult(await this.http.post(path, body, WRITE), postingNumber);
  }
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * One line of `/v2/products/stocks`, or why it cannot be sent. Both ids go out: the schema
 * requires `product_id`, and Ozon takes `offer_id` first when both are given (§4).
 */
function stockLine(update: StockUpdate): JsonObject | string {
  try {
    return {
      offer_id: update.offerId,
      product_id: int64(update.productId, 'productId'),
      warehouse_id: int64(update.warehouseId, 'warehouseId'),
      stock: nonNegativeInt(update.stock, 'stock'),
    };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function stockKey(offerId: string, warehouseId: string): string {
  return `${warehouseId}\u0000${offerId}`;
}

function positiveInt(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive integer`);
  }
  return value;
}

function nonNegativeInt(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative integer`);
  }
  return value;
}

function encodeProductCursor(phase: ProductPhase, lastId: string): string {
  return `${phase}:${lastId}`;
}

function decodeProductCursor(cursor: string | null): { phase: ProductPhase; lastId: string } {
  if (cursor === null || cursor === '') return { phase: 'ALL', lastId: '' };
  const at = cursor.indexOf(':');
  const phase = PRODUCT_PHASES.find((p) => p === cursor.slice(0, at));
  if (at < 0 || !phase) throw new RangeError(`listProducts: not a cursor of ours: ${cursor}`);
  return { phase, lastId: cursor.slice(at + 1) };
}

/** Ozon's own "no such posting": its error body with a NOT_FOUND message, or a plain 404 from it. */
function isNotFound(error: unknown): boolean {
  if (!(error instanceof MarketplaceError) || error.kind !== 'rejected') return false;
  const code = error.details.code ?? '';
  if (/method is not allowed/i.test(code)) return false;
  return error.details.status === 404 || /NOT_FOUND/i.test(code);
}

/**
 * The new label API is absent (an older gateway, a sandbox): "method is not allowed", 405, or a
 * 404 to the create call, which has no business "not found" of its own worth stopping for —
 * the legacy call then gives its own verdict on the posting.
 */
function isMissingMethod(error: unknown): boolean {
  if (!(error instanceof MarketplaceError)) return false;
  if (error.kind !== 'rejected' && error.kind !== 'malformed') return false;
  return (
    error.details.status === 404 ||
    error.details.status === 405 ||
    /method is not allowed/i.test(error.details.code ?? '')
  );
}

/** Polling a task Ozon no longer knows (expired, or from before a reset): 404 in Ozon's words. */
function isTaskGone(error: unknown): boolean {
  return (
    error instanceof MarketplaceError &&
    error.kind === 'rejected' &&
    error.details.status === 404 &&
    !/method is not allowed/i.test(error.details.code ?? '')
  );
}

function isNotReady(error: unknown): boolean {
  return (
    error instanceof MarketplaceError &&
    error.kind === 'rejected' &&
    /aren't ready|not[ _]ready/i.test(`${error.details.code ?? ''} ${error.message}`)
  );
}
