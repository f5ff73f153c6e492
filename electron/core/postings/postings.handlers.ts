import { randomUUID } from 'node:crypto';
import type { ShipmentPackage } from '../../../shared/domain/postings';
import type { ActionErrorKind } from '../../../shared/schemas/sync.schema';
import { requireSession, type HandlerContext, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { openAlerts } from './alerts.repo';
import { subjectOf } from '../outbox/actions';
import { enqueue, shipFailedFlag } from '../outbox/outbox.repo';
import { findPosting, postingItems, setLocalState } from './postings.repo';
import { queueShip } from './ship';

type PostingsMethods = 'postings.search' | 'postings.get' | 'postings.ship' | 'postings.cancel';

function summary(row: {
  id: number;
  account_id: number;
  posting_number: string;
  order_number: string;
  status: string;
  marketplace_status: string;
  in_process_at: number | null;
  shipment_date: number | null;
  item_count: number;
  local_state: string;
  ship_failed: number;
}) {
  return {
    id: row.id,
    accountId: row.account_id,
    postingNumber: row.posting_number,
    orderNumber: row.order_number,
    status: row.status as never,
    marketplaceStatus: row.marketplace_status,
    inProcessAt: row.in_process_at,
    shipmentDate: row.shipment_date,
    itemCount: row.item_count,
    localState: row.local_state as never,
    shipFailed: row.ship_failed === 1,
  };
}

async function detail(ctx: HandlerContext, postingNumber: string) {
  const row = await findPosting(ctx.db, postingNumber);
  if (!row) throw new ApiFailure('not_found', `No posting ${postingNumber}`);
  const [items, alerts, actions, { ship_failed }] = await Promise.all([
    postingItems(ctx.db, row.id),
    openAlerts(ctx.db, row.posting_number),
    ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('account_id', '=', row.account_id)
      .where('subject', '=', `posting:${row.posting_number}`)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('postings')
      .select(shipFailedFlag())
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...summary({ ...row, ship_failed }),
    orderId: row.order_id,
    warehouseId: row.warehouse_id,
    deliveryMethod: row.delivery_method,
    trackingNumber: row.tracking_number,
    cancelReason: row.cancel_reason,
    items: items.map((item) => ({
      sku: item.sku,
      offerId: item.offer_id,
      name: item.name,
      quantity: item.quantity,
      priceMinor: item.price_minor,
      currency: item.currency,
    })),
    alerts: alerts.map((a) => ({
      id: a.id,
      accountId: a.account_id,
      postingNumber: a.posting_number,
      kind: a.kind,
      message: a.message,
      createdAt: a.created_at,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      accountId: a.account_id,
      action: a.action,
      subject: a.subject,
      state: a.state,
      attempts: a.attempts,
      nextAttemptAt: a.next_attempt_at,
      lastError: a.last_error,
      lastErrorKind: a.last_error_kind as ActionErrorKind | null,
      createdAt: a.created_at,
    })),
  };
}

export const postingsHandlers: HandlerMap<PostingsMethods> = {
  /**
   * Every branch is an index range scan: a number prefix uses the posting/order number indexes,
   * the list uses (in_process_at, id) keyset paging. Nothing scans the table at a million rows.
   */
  'postings.search': async (input, ctx) => {
    let query = ctx.db
      .selectFrom('postings')
      .select([
        'id',
        'account_id',
        'posting_number',
        'order_number',
        'status',
        'marketplace_status',
        'in_process_at',
        'shipment_date',
        'item_count',
        'local_state',
        shipFailedFlag(),
      ])
      .orderBy('in_process_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.limit + 1);
    if (input.query) {
      const from = input.query;
      const to = `${input.query}\uffff`;
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('posting_number', '>=', from), eb('posting_number', '<', to)]),
          eb.and([eb('order_number', '>=', from), eb('order_number', '<', to)]),
        ]),
      );
    }
    if (input.status) query = query.where('status', '=', input.status);
    if (input.after) {
      const { inProcessAt, id } = input.after;
      // A row-value comparison, not an OR: SQLite seeks the index to the cursor with it.
      query = query.where((eb) =>
        eb(eb.refTuple('in_process_at', 'id'), '<', eb.tuple(inProcessAt, id)),
      );
    }
    const rows = await query.execute();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(summary),
      after:
        rows.length > input.limit && last
          ? { inProcessAt: last.in_process_at ?? 0, id: last.id }
          : null,
    };
  },

  'postings.get': (input, ctx) => detail(ctx, input.postingNumber),

  'postings.ship': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const posting = await findPosting(ctx.db, input.postingNumber);
    if (!posting) throw new ApiFailure('not_found', `No posting ${input.postingNumber}`);
    if (posting.status !== 'to_pack' || posting.local_state !== 'none') {
      throw new ApiFailure(
        'invalid_state',
        `Posting ${input.postingNumber} is not waiting to be packed`,
      );
    }
    const items = await postingItems(ctx.db, posting.id);
    const packages: ShipmentPackage[] = input.packages ?? [
      { items: items.map((item) => ({ sku: item.sku, quantity: item.quantity })) },
    ];
    await ctx.write((trx) =>
      queueShip(trx, {
        postingNumber: posting.posting_number,
        packages,
        idempotencyKey: `ship:${posting.posting_number}:${randomUUID()}`,
        userId: user.id,
        now: ctx.now(),
      }),
    );
    void ctx.sync.pushNow(posting.account_id);
    return detail(ctx, posting.posting_number);
  },

  'postings.cancel': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const posting = await findPosting(ctx.db, input.postingNumber);
    if (!posting) throw new ApiFailure('not_found', `No posting ${input.postingNumber}`);
    if (
      ['cancelled', 'delivered'].includes(posting.status) ||
      posting.local_state === 'cancelling'
    ) {
      throw new ApiFailure(
        'invalid_state',
        `Posting ${input.postingNumber} cannot be cancelled now`,
      );
    }
    if (input.reasonId === '402' && !input.message) {
      throw new ApiFailure('invalid_input', 'This reason needs a message', {
        fields: { message: 'too_small' },
      });
    }
    await ctx.write(async (trx) => {
      const current = await findPosting(trx, posting.posting_number);
      if (
        !current ||
        ['cancelled', 'delivered'].includes(current.status) ||
        current.local_state === 'cancelling'
      ) {
        throw new ApiFailure(
          'invalid_state',
          `Posting ${input.postingNumber} cannot be cancelled now`,
        );
      }
      await setLocalState(trx, posting.account_id, posting.posting_number, 'cancelling');
      const payload = {
        postingNumber: posting.posting_number,
        reasonId: input.reasonId,
        ...(input.message ? { message: input.message } : {}),
      };
      await enqueue(
        trx,
        {
          accountId: posting.account_id,
          idempotencyKey: `cancel:${posting.posting_number}:${randomUUID()}`,
          action: 'cancel',
          subject: subjectOf('cancel', payload),
          payload,
          createdBy: user.id,
        },
        ctx.now(),
      );
    });
    void ctx.sync.pushNow(posting.account_id);
    return detail(ctx, posting.posting_number);
  },
};
