import type { PostingItem, PostingStatus } from '../../../../shared/domain/postings';
import { decimalToMinor } from '../../../../shared/lib/money';
import {
  MarketplaceError,
  type CancelReason,
  type ItemResult,
  type RemotePosting,
  type RemoteProduct,
  type RemoteWarehouse,
} from '../connector';
import {
  arrayOf,
  boolOf,
  dateOf,
  idOf,
  intOf,
  isObject,
  objectOf,
  stringifyLossless,
  stringsOf,
  textOf,
  type JsonObject,
} from './json';

/**
 * Ozon replies (already parsed losslessly) to domain rows. Anything the counter relies on —
 * posting number, items, quantities, money — must be there and make sense, or the whole reply
 * is `malformed`: a posting with a guessed price or a missing item is worse than a retry.
 */

const STATUS_MAP: Record<string, PostingStatus> = {
  awaiting_registration: 'new',
  acceptance_in_progress: 'new',
  awaiting_approve: 'new',
  awaiting_verification: 'new',
  awaiting_packaging: 'to_pack',
  awaiting_deliver: 'packed',
  delivering: 'in_delivery',
  driver_pickup: 'in_delivery',
  sent_by_seller: 'in_delivery',
  delivered: 'delivered',
  cancelled: 'cancelled',
  cancelled_from_split_pending: 'cancelled',
  not_accepted: 'cancelled',
  arbitration: 'dispute',
  client_arbitration: 'dispute',
};

export function mapStatus(status: string): PostingStatus {
  return STATUS_MAP[status] ?? 'other';
}

export function malformed(message: string): MarketplaceError {
  return new MarketplaceError('malformed', message);
}

/** The reply as an object, or `malformed`: every Ozon success reply is a JSON object. */
export function replyObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw malformed(`${what}: the reply is not a JSON object`);
  return value;
}

/** A field that must be an array (an empty one is fine, a missing one is not). */
export function requireArray(source: JsonObject, field: string, what: string): unknown[] {
  const value = source[field];
  if (!Array.isArray(value)) throw malformed(`${what}: "${field}" is missing or not a list`);
  return value;
}

/**
 * One posting of `/v4/posting/fbs/list` or the `result` of `/v3/posting/fbs/get`. The v4 price
 * is `{amount, currency}`; v3 sends a decimal string with `currency_code` beside it.
 */
export function mapPosting(value: unknown): RemotePosting {
  if (!isObject(value)) throw malformed('A posting is not a JSON object');
  const postingNumber = textOf(value['posting_number']);
  if (postingNumber === '') throw malformed('A posting has no posting_number');
  const status = textOf(value['status']);
  const delivery = objectOf(value['delivery_method']);
  const cancellation = objectOf(value['cancellation']);
  const products = value['products'];
  if (!Array.isArray(products)) throw malformed(`Posting ${postingNumber} has no products list`);

  return {
    postingNumber,
    orderNumber: textOf(value['order_number']),
    orderId: idOf(value['order_id']) ?? '',
    status: mapStatus(status),
    marketplaceStatus: status,
    marketplaceSubstatus: textOf(value['substatus']),
    inProcessAt: dateOf(value['in_process_at']),
    shipmentDate: dateOf(value['shipment_date']),
    // Postings carry no "status changed at"; the list filter on it is all Ozon offers.
    changedAt: null,
    warehouseId:
      idOf(delivery['warehouse_id']) ?? idOf(objectOf(value['analytics_data'])['warehouse_id']),
    deliveryMethod: textOf(delivery['name']) || null,
    trackingNumber: textOf(value['tracking_number']),
    cancelReason: textOf(cancellation['cancel_reason']) || null,
    items: products.map((product) => mapPostingItem(product, postingNumber)),
    availableActions: stringsOf(value['available_actions']),
    raw: stringifyLossless(value),
  };
}

function mapPostingItem(value: unknown, postingNumber: string): PostingItem {
  const product = objectOf(value);
  const sku = idOf(product['sku']);
  if (sku === null) throw malformed(`Posting ${postingNumber} has an item without a SKU`);
  const quantity = intOf(product['quantity']);
  if (quantity === null || quantity <= 0) {
    throw malformed(`Posting ${postingNumber}, SKU ${sku}: bad quantity`);
  }
  const price = product['price'];
  const amount = isObject(price) ? price['amount'] : price;
  const currency = isObject(price)
    ? textOf(price['currency']) || textOf(product['currency_code'])
    : textOf(product['currency_code']);
  const amountText = textOf(amount);
  const priceMinor = amountText === '' ? null : decimalToMinor(amountText);
  if (priceMinor === null) {
    throw malformed(`Posting ${postingNumber}, SKU ${sku}: price "${amountText}" is not a decimal`);
  }
  return {
    sku,
    offerId: textOf(product['offer_id']),
    name: textOf(product['name']),
    quantity,
    priceMinor,
    currency,
  };
}

/**
 * A product from `/v3/product/info/list`, with its `/v3/product/list` entry for the archive
 * flag when info lacks it. Price is optional on a product ("" until one is set), so unreadable
 * money is null here rather than a failure of the whole catalogue page.
 */
export function mapProduct(info: JsonObject, listed: JsonObject | undefined): RemoteProduct {
  const productId = idOf(info['id']) ?? idOf(listed?.['product_id']);
  if (productId === null) throw malformed('A product has no id');
  const priceText = textOf(info['price']);
  const primary = info['primary_image'];
  const imageUrl =
    (Array.isArray(primary) ? textOf(primary[0]) : textOf(primary)) ||
    textOf(arrayOf(info['images'])[0]);
  const barcodes = stringsOf(info['barcodes']);
  const legacyBarcode = textOf(info['barcode']);
  if (barcodes.length === 0 && legacyBarcode !== '') barcodes.push(legacyBarcode);
  return {
    productId,
    skus: skusOf(info, listed),
    offerId: textOf(info['offer_id']) || textOf(listed?.['offer_id']),
    name: textOf(info['name']),
    barcodes,
    priceMinor: priceText === '' ? null : decimalToMinor(priceText),
    currency: textOf(info['currency_code']),
    isArchived:
      boolOf(info['is_archived']) ||
      boolOf(info['is_autoarchived']) ||
      boolOf(listed?.['archived']),
    imageUrl: imageUrl || null,
    raw: stringifyLossless(info),
  };
}

/**
 * A product's SKUs from `/v3/product/info/list`: the card's own `sku` (0 on cards made before
 * SDS), then `sources[]` — `FBS` before `SDS` before `FBO`, so the SKU FBS postings carry comes
 * first — then any other SKU its stock lines or its `/v3/product/list` entry name.
 */
function skusOf(info: JsonObject, listed: JsonObject | undefined): string[] {
  const sources = arrayOf(info['sources']).map(objectOf);
  const ofSource = (kind: string) =>
    sources
      .filter((source) => textOf(source['source']).toUpperCase() === kind)
      .map((source) => idOf(source['sku']));
  const stockLines = arrayOf(objectOf(info['stocks'])['stocks']).map(objectOf);
  const found = [
    idOf(info['sku']),
    ...ofSource('FBS'),
    ...ofSource('SDS'),
    ...ofSource('FBO'),
    ...sources.map((source) => idOf(source['sku'])),
    ...stockLines.map((line) => idOf(line['sku'])),
    idOf(listed?.['sku']),
  ];
  return [...new Set(found.filter((sku) => sku !== null))];
}

export function mapWarehouse(value: unknown): RemoteWarehouse {
  const warehouse = objectOf(value);
  const warehouseId = idOf(warehouse['warehouse_id']);
  if (warehouseId === null) throw malformed('A warehouse has no warehouse_id');
  return {
    warehouseId,
    name: textOf(warehouse['name']),
    isRfbs: boolOf(warehouse['is_rfbs']),
    status: textOf(warehouse['status']),
    raw: stringifyLossless(value),
  };
}

/** Reason 402 ("other, seller's fault") is the one Ozon refuses without a message (§3.4). */
export const REASON_NEEDING_MESSAGE = '402';

export function mapCancelReason(value: unknown): CancelReason | null {
  const reason = objectOf(value);
  const id = idOf(reason['id']);
  if (id === null) return null;
  return {
    id,
    title: textOf(reason['title']),
    needsMessage: id === REASON_NEEDING_MESSAGE,
  };
}

/** `{code, message}` pairs from Ozon's per-item `errors`/`error` (a string, a list, or objects). */
export function itemErrors(value: unknown): { code: string; message: string }[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => {
    if (isObject(entry)) {
      const code = textOf(entry['code']);
      const message = textOf(entry['message']);
      return code || message ? [{ code: code || message, message: message || code }] : [];
    }
    const text = textOf(entry).trim();
    return text ? [{ code: text, message: text }] : [];
  });
}

/**
 * The outcome for one posting of an rFBS status call (`{result: [{posting_number, result,
 * error}]}`). A reply that does not mention the posting is unreadable, not a refusal.
 */
export function mapPostingResult(reply: unknown, postingNumber: string): ItemResult<string> {
  const body = replyObject(reply, 'rFBS status change');
  const result = body['result'];
  if (result === true) return { key: postingNumber, ok: true, errors: [] };
  const entry = arrayOf(result)
    .map(objectOf)
    .find((item) => textOf(item['posting_number']) === postingNumber);
  if (!entry) throw malformed(`rFBS status change: no result for ${postingNumber}`);
  const errors = itemErrors(entry['error'] ?? entry['errors']);
  const ok = boolOf(entry['result']);
  if (!ok && errors.length === 0) errors.push({ code: 'NOT_APPLIED', message: 'Ozon refused' });
  return { key: postingNumber, ok, errors: ok ? [] : errors };
}
