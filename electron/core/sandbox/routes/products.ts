import { badRequest, notFound } from '../errors';
import {
  type JsonObject,
  idText,
  int64,
  isoTime,
  optionalArray,
  optionalInt,
  optionalObject,
  optionalString,
} from '../json';
import { type Product, WAREHOUSES, priceText } from '../seed-data';
import { shuffled } from '../random';
import type { SandboxState } from '../state';
import type { RouteContext, RouteTable } from './route';

function isVisible(state: SandboxState, product: Product, visibility: string): boolean {
  const archived = state.archived.has(product.index);
  if (visibility === 'ARCHIVED' || visibility === 'MANUAL_ARCHIVED') return archived;
  // ALL on Ozon means everything except archived cards; the other filters are not modelled.
  return !archived;
}

function lastIdText(index: number): string {
  return Buffer.from(`i${index}`, 'latin1').toString('base64url');
}

function productList(body: JsonObject, { state, fault, rng }: RouteContext) {
  const filter = optionalObject(body, 'filter');
  const offerIds = new Set(optionalArray(filter, 'offer_id').map(String));
  const productIds = new Set(
    optionalArray(filter, 'product_id').map((v) => idText(v, 'product_id')),
  );
  const visibility = optionalString(filter, 'visibility') ?? 'ALL';
  const limit = optionalInt(body, 'limit') ?? 100;
  if (limit < 1 || limit > 1000) throw badRequest('limit: value must be inside range [1, 1000]');
  const lastId = optionalString(body, 'last_id') ?? '';
  const after =
    lastId === '' ? -1 : Number(Buffer.from(lastId, 'base64url').toString('latin1').slice(1));
  if (!Number.isInteger(after)) throw badRequest('invalid last_id');
  const matching = state.products.filter(
    (product) =>
      isVisible(state, product, visibility) &&
      (offerIds.size === 0 || offerIds.has(product.offerId)) &&
      (productIds.size === 0 || productIds.has(String(product.productId))),
  );
  const pageItems = matching.filter((product) => product.index > after).slice(0, limit);
  const items = fault?.kind === 'reorder_page' ? shuffled(rng, pageItems) : pageItems;
  // A duplicated page hands back the last_id it was given, so the same page comes again.
  const lastIndex =
    fault?.kind === 'duplicate_page' && pageItems.length > 0 ? after : pageItems.at(-1)?.index;
  return {
    json: {
      result: {
        items: items.map((product) => ({
          product_id: product.productId,
          offer_id: product.offerId,
          archived: state.archived.has(product.index),
          has_fbo_stocks: false,
          has_fbs_stocks: WAREHOUSES.some((_, w) => state.stockOf(w, product.index) > 0),
          is_discounted: false,
          quants: [],
        })),
        total: matching.length,
        // Ozon hands out the last id even on the last page; the page after it is empty.
        last_id: lastIndex === undefined ? '' : lastIdText(lastIndex),
      },
    },
  };
}

function productInfo(
  state: SandboxState,
  product: Product,
  baseUrl: string,
  now: number,
): JsonObject {
  const image = `${baseUrl}/_sandbox/images/${product.productId}.svg`;
  const present = WAREHOUSES.reduce((sum, _, w) => sum + state.stockOf(w, product.index), 0);
  const archived = state.archived.has(product.index);
  // A card of one SDS SKU shows it as its own; older cards (and cards without one) show 0.
  const sds = product.sources.find(({ source }) => source === 'SDS');
  return {
    id: product.productId,
    offer_id: product.offerId,
    sku: sds?.sku ?? 0,
    name: product.name,
    barcodes: product.barcodes,
    price: priceText(product.priceMinor),
    old_price: product.oldPriceMinor > 0 ? priceText(product.oldPriceMinor) : '',
    min_price: '',
    currency_code: 'RUB',
    vat: '0.2',
    images: [image],
    primary_image: [image],
    color_image: [],
    images360: [],
    is_archived: archived,
    is_autoarchived: false,
    is_discounted: false,
    is_kgt: false,
    is_prepayment_allowed: true,
    is_super: false,
    has_discounted_fbo_item: false,
    discounted_fbo_stocks: 0,
    created_at: isoTime(product.createdAt),
    updated_at: isoTime(Math.min(now, product.createdAt + 86_400_000)),
    description_category_id: 17_028_922,
    type_id: 91_565,
    volume_weight: product.weightGrams / 1000,
    statuses: {
      status: archived ? 'archived' : 'price_sent',
      status_name: archived ? 'В архиве' : 'Продается',
      status_description: '',
      status_failed: '',
      status_tooltip: '',
      moderate_status: 'approved',
      validation_status: 'success',
      is_created: true,
      status_updated_at: isoTime(product.createdAt),
    },
    stocks: {
      has_stock: present > 0,
      stocks: product.sku === 0 ? [] : [{ present, reserved: 0, sku: product.sku, source: 'fbs' }],
    },
    visibility_details: { has_price: true, has_stock: present > 0 },
    sources: product.sources.map(({ sku, source }) => ({
      sku,
      source,
      created_at: isoTime(product.createdAt),
      shipment_type: 'SHIPMENT_TYPE_GENERAL',
      quant_code: '',
    })),
    model_info: { model_id: product.productId, count: 1 },
    errors: [],
    commissions: [],
    promotions: [],
    availabilities: [],
  };
}

function productInfoList(body: JsonObject, { state, baseUrl }: RouteContext) {
  const offerIds = optionalArray(body, 'offer_id').map(String);
  const productIds = optionalArray(body, 'product_id').map((v) => idText(v, 'product_id'));
  const skus = optionalArray(body, 'sku').map((v) => idText(v, 'sku'));
  if (offerIds.length + productIds.length + skus.length > 1000) {
    throw badRequest('at most 1000 identifiers per request');
  }
  const found = new Map<number, Product>();
  const add = (product: Product | undefined) => {
    if (product) found.set(product.index, product);
  };
  offerIds.forEach((id) => add(state.productByOffer.get(id)));
  productIds.forEach((id) => add(state.productById.get(id)));
  skus.forEach((id) => add(state.productBySku.get(id)));
  const now = state.clock.now();
  return { json: { items: [...found.values()].map((p) => productInfo(state, p, baseUrl, now)) } };
}

function stocks(body: JsonObject, { state }: RouteContext) {
  const rows = optionalArray(body, 'stocks');
  if (rows.length === 0) throw badRequest('stocks is required');
  if (rows.length > 100) throw badRequest('stocks: value must contain no more than 100 item(s)');
  state.tick();
  const result = rows.map((raw, i) => {
    const row = (raw ?? {}) as JsonObject;
    const warehouseId = idText(row.warehouse_id, `stocks[${i}].warehouse_id`);
    const offerId = optionalString(row, 'offer_id') ?? '';
    const productId =
      row.product_id === undefined ? '' : idText(row.product_id, `stocks[${i}].product_id`);
    // The description (not the schema) rules: offer_id wins when both are given.
    const product = offerId ? state.productByOffer.get(offerId) : state.productById.get(productId);
    const stock = optionalInt(row, 'stock');
    const error = !product
      ? offerId
        ? { code: 'offer_id_not_found', message: 'Offer id not found' }
        : { code: 'product_is_not_created', message: 'Product is not created' }
      : stock === undefined
        ? { code: 'INVALID_STOCK', message: 'stock is required' }
        : state.updateStock(warehouseId, product, stock);
    return {
      warehouse_id: int64(warehouseId),
      product_id: product?.productId ?? (productId === '' ? 0 : int64(productId)),
      offer_id: product?.offerId ?? offerId,
      updated: error === null,
      errors: error ? [error] : [],
    };
  });
  return { json: { result } };
}

function setArchived(archived: boolean) {
  return (body: JsonObject, { state }: RouteContext) => {
    const ids = optionalArray(body, 'product_id').map((v) => idText(v, 'product_id'));
    if (ids.length === 0) throw badRequest('product_id is required');
    if (ids.length > 100)
      throw badRequest('product_id: value must contain no more than 100 item(s)');
    const products = ids.map((id) => state.productById.get(id));
    if (products.some((product) => !product)) throw notFound('PRODUCT_NOT_FOUND');
    for (const product of products as Product[]) {
      if (archived) state.archived.add(product.index);
      else state.archived.delete(product.index);
    }
    return { json: { result: true } };
  };
}

function warehouseList(body: JsonObject, { state }: RouteContext) {
  const limit = optionalInt(body, 'limit');
  if (limit === undefined || limit < 1 || limit > 200) {
    throw badRequest('limit: value must be inside range [1, 200]');
  }
  const ids = new Set(optionalArray(body, 'warehouse_ids').map((v) => idText(v, 'warehouse_ids')));
  const cursor = optionalString(body, 'cursor') ?? '';
  const start = cursor === '' ? 0 : Number(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!Number.isInteger(start) || start < 0) throw badRequest('invalid cursor');
  const matching = WAREHOUSES.filter((w) => ids.size === 0 || ids.has(w.id));
  const slice = matching.slice(start, start + limit);
  const hasNext = start + limit < matching.length;
  const createdAt = isoTime(state.clock.now() - 400 * 86_400_000);
  return {
    json: {
      warehouses: slice.map((w) => ({
        warehouse_id: int64(w.id),
        name: w.name,
        status: 'created',
        is_rfbs: w.isRfbs,
        is_kgt: false,
        is_express: false,
        is_auto_assembly: false,
        is_comfort: false,
        is_waybill_enabled: false,
        has_entrusted_acceptance: false,
        has_postings_limit: false,
        postings_limit: -1,
        min_postings_limit: 0,
        with_item_list: false,
        carriage_label_type: 'BIG',
        first_mile: {
          type: w.isRfbs ? 'PICK_UP' : 'DROP_OFF',
          first_mile_is_changing: false,
          dropoff_point_id: '',
          timeslot_id: 0,
          timeslot_from: '09:00',
          timeslot_to: '18:00',
        },
        working_days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
        address_info: {
          address: `${w.city}, ул. Складская, 1`,
          latitude: 55.75,
          longitude: 37.61,
          utc: '+03:00',
        },
        phone: '',
        courier_phones: [],
        courier_comment: '',
        created_at: createdAt,
        updated_at: createdAt,
        warehouse_type: w.isRfbs ? 'RFBS' : 'FBS',
      })),
      cursor: hasNext ? Buffer.from(String(start + limit), 'latin1').toString('base64url') : '',
      has_next: hasNext,
    },
  };
}

export const productRoutes: RouteTable = {
  '/v3/product/list': { handle: productList, isList: true },
  '/v3/product/info/list': { handle: productInfoList },
  '/v2/products/stocks': { handle: stocks },
  '/v1/product/archive': { handle: setArchived(true) },
  '/v1/product/unarchive': { handle: setArchived(false) },
  '/v2/warehouse/list': { handle: warehouseList },
};
