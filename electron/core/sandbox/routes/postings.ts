import { badRequest } from '../errors';
import {
  type JsonObject,
  idText,
  optionalArray,
  optionalDate,
  optionalInt,
  optionalObject,
  optionalString,
  requiredString,
} from '../json';
import { STATUSES, type Status } from '../posting-store';
import { shuffled } from '../random';
import { CANCEL_REASONS, WAREHOUSES } from '../seed-data';
import type { SandboxState, ShipPackage } from '../state';
import { type PostingBlocks, postingV3, postingV4 } from './posting-json';
import type { RouteContext, RouteTable } from './route';

const YEAR_MS = 366 * 86_400_000;

/**
 * What `/v4/posting/fbs/unfulfilled/list` returns when no statuses are asked for: postings the
 * seller still has to act on. Ozon does not spell the default out; this is the sandbox's choice.
 */
const UNFULFILLED: readonly Status[] = [
  'awaiting_approve',
  'awaiting_packaging',
  'awaiting_deliver',
];

type Match = (index: number) => boolean;

interface Cursor {
  next: number;
}

function readCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  const match = /^p(\d+)$/.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!match) throw badRequest('invalid cursor');
  return { next: Number(match[1]) };
}

function writeCursor(next: number): string {
  return Buffer.from(`p${next}`, 'latin1').toString('base64url');
}

/**
 * One page of postings in creation order (or reversed). Scanning reads only the typed arrays,
 * and each page resumes where the previous page's look-ahead stopped, so paging through a
 * million postings costs one pass over them in total.
 */
function page(
  state: SandboxState,
  body: JsonObject,
  match: Match,
  context: RouteContext,
): { postings: JsonObject[]; cursor: string; has_next: boolean } {
  const limit = optionalInt(body, 'limit');
  if (limit === undefined || limit < 1 || limit > 100) {
    throw badRequest('limit: value must be inside range [1, 100]');
  }
  const sortDir = optionalString(body, 'sort_dir') ?? 'ASC';
  if (sortDir !== 'ASC' && sortDir !== 'DESC') throw badRequest('sort_dir: ASC or DESC');
  const step = sortDir === 'ASC' ? 1 : -1;
  const count = state.store.count;
  const start = readCursor(optionalString(body, 'cursor'))?.next ?? (step === 1 ? 0 : count - 1);
  const found: number[] = [];
  let i = start;
  for (; i >= 0 && i < count && found.length < limit; i += step) {
    if (match(i)) found.push(i);
  }
  while (i >= 0 && i < count && !match(i)) i += step;
  const hasNext = i >= 0 && i < count;

  const blocks = optionalObject(body, 'with') as PostingBlocks;
  const now = state.clock.now();
  const indexes = context.fault?.kind === 'reorder_page' ? shuffled(context.rng, found) : found;
  // A duplicated page: the cursor points back at this page's start, so the next request gets
  // the same postings again, as a buggy or retried backend would send them.
  const duplicate = context.fault?.kind === 'duplicate_page' && found.length > 0;
  return {
    postings: indexes.map((index) => postingV4(state, index, blocks, now)),
    cursor: duplicate ? writeCursor(start) : hasNext ? writeCursor(i) : '',
    has_next: duplicate || hasNext,
  };
}

/** Filters both list endpoints share: statuses, warehouses, delivery methods, last change. */
function commonMatch(
  state: SandboxState,
  filter: JsonObject,
  defaultStatuses: readonly Status[] | null,
) {
  const store = state.store;
  const statusNames = optionalArray(filter, 'statuses').map(String);
  const statusCodes = new Set<number>(
    (statusNames.length > 0 ? statusNames : (defaultStatuses ?? [])).map((name) =>
      STATUSES.indexOf(name as Status),
    ),
  );
  const anyStatus = statusNames.length === 0 && defaultStatuses === null;
  const warehouseIds = new Set(
    optionalArray(filter, 'warehouse_ids').map((v) => idText(v, 'warehouse_ids')),
  );
  const methodIds = new Set(
    optionalArray(filter, 'delivery_method_ids').map((v) => idText(v, 'delivery_method_ids')),
  );
  const warehouses = new Set<number>();
  for (const [index, warehouse] of WAREHOUSES.entries()) {
    const byWarehouse = warehouseIds.size === 0 || warehouseIds.has(warehouse.id);
    const byMethod = methodIds.size === 0 || methodIds.has(warehouse.deliveryMethodId);
    if (byWarehouse && byMethod) warehouses.add(index);
  }
  const changed = optionalObject(filter, 'last_changed_status_date');
  const changedFrom = optionalDate(changed, 'from') ?? -Infinity;
  const changedTo = optionalDate(changed, 'to') ?? Infinity;
  return (index: number) => {
    if (!anyStatus && !statusCodes.has(store.status[index] ?? 255)) return false;
    if (!warehouses.has(store.warehouse[index] ?? 255)) return false;
    const changedAt = store.changedAt[index] ?? 0;
    return changedAt >= changedFrom && changedAt <= changedTo;
  };
}

function list(body: JsonObject, context: RouteContext) {
  const { state } = context;
  state.tick();
  const filter = body.filter;
  if (filter === undefined || filter === null || typeof filter !== 'object') {
    throw badRequest('filter is required');
  }
  const f = filter as JsonObject;
  const since = optionalDate(f, 'since');
  const to = optionalDate(f, 'to');
  if (since === undefined || to === undefined)
    throw badRequest('filter.since and filter.to are required');
  if (to < since) throw badRequest('filter.to must not be before filter.since');
  if (to - since > YEAR_MS)
    throw badRequest('PERIOD_IS_TOO_LONG: the period must not exceed one year');
  const orderId = optionalInt(f, 'order_id');
  const orderNumbers = new Set(optionalArray(f, 'order_numbers').map(String));
  const base = commonMatch(state, f, null);
  const store = state.store;
  const match: Match = (index) => {
    const createdAt = store.createdAt[index] ?? 0;
    if (createdAt < since || createdAt > to || !base(index)) return false;
    if (orderId !== undefined && orderId !== 0 && store.orderId(index) !== orderId) return false;
    return orderNumbers.size === 0 || orderNumbers.has(store.orderNumber(index));
  };
  return { json: page(state, body, match, context) };
}

function unfulfilled(body: JsonObject, context: RouteContext) {
  const { state } = context;
  state.tick();
  const filter = optionalObject(body, 'filter');
  const cutoffFrom = optionalDate(filter, 'cutoff_from');
  const cutoffTo = optionalDate(filter, 'cutoff_to');
  const hasCutoff = cutoffFrom !== undefined || cutoffTo !== undefined;
  const hasDelivering =
    optionalDate(filter, 'delivering_date_from') !== undefined ||
    optionalDate(filter, 'delivering_date_to') !== undefined;
  if (hasCutoff && hasDelivering) {
    throw badRequest('use either cutoff_from/cutoff_to or delivering_date_from/delivering_date_to');
  }
  const base = commonMatch(state, filter, UNFULFILLED);
  const store = state.store;
  const match: Match = (index) => {
    const shipment = store.shipmentDate[index] ?? 0;
    if (cutoffFrom !== undefined && shipment < cutoffFrom) return false;
    if (cutoffTo !== undefined && shipment > cutoffTo) return false;
    return base(index);
  };
  const result = page(state, body, match, context);
  return { json: { ...result, count: result.postings.length } };
}

function get(body: JsonObject, { state }: RouteContext) {
  const now = state.tick();
  const index = state.requirePosting(requiredString(body, 'posting_number'));
  const blocks = optionalObject(body, 'with') as PostingBlocks;
  return { json: { result: postingV3(state, index, blocks, now) } };
}

function readPackages(body: JsonObject): ShipPackage[] {
  const packages = optionalArray(body, 'packages');
  if (packages.length === 0) throw badRequest('packages is required');
  return packages.map((pack, p) => {
    const products = optionalArray((pack ?? {}) as JsonObject, 'products');
    return {
      products: products.map((line, l) => {
        const row = (line ?? {}) as JsonObject;
        return {
          sku: idText(row.product_id, `packages[${p}].products[${l}].product_id`),
          quantity: optionalInt(row, 'quantity') ?? 0,
        };
      }),
    };
  });
}

function ship(body: JsonObject, { state, fault }: RouteContext) {
  const postingNumber = requiredString(body, 'posting_number');
  const numbers = state.ship(postingNumber, readPackages(body), fault?.kind === 'ship_failed');
  const json: JsonObject = { result: numbers };
  if (optionalObject(body, 'with').additional_data === true) {
    json.additional_data = numbers.map((number) => ({
      posting_number: number,
      products: (state.snapshot(number)?.items ?? []).map((item) => ({
        sku: Number(item.sku),
        offer_id: item.offerId,
        name: item.name,
        quantity: item.quantity,
        price: (item.priceMinor / 100).toFixed(2),
        currency_code: 'RUB',
        mandatory_mark: [],
      })),
    }));
  }
  return { json };
}

function cancelReasons() {
  return {
    json: {
      result: CANCEL_REASONS.map((reason) => ({
        id: reason.id,
        title: reason.title,
        type_id: reason.typeId,
        is_available_for_cancellation: reason.isAvailableForCancellation,
      })),
    },
  };
}

function cancel(body: JsonObject, { state }: RouteContext) {
  const reasonId = optionalInt(body, 'cancel_reason_id');
  if (reasonId === undefined) throw badRequest('cancel_reason_id is required');
  state.cancel(
    requiredString(body, 'posting_number'),
    reasonId,
    optionalString(body, 'cancel_reason_message'),
  );
  return { json: { result: true } };
}

export const postingRoutes: RouteTable = {
  '/v4/posting/fbs/list': { handle: list, isList: true },
  '/v4/posting/fbs/unfulfilled/list': { handle: unfulfilled, isList: true },
  '/v3/posting/fbs/get': { handle: get },
  '/v4/posting/fbs/ship': { handle: ship },
  '/v2/posting/fbs/cancel-reason/list': { handle: cancelReasons },
  '/v2/posting/fbs/cancel': { handle: cancel },
};
