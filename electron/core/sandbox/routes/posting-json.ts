import { type JsonObject, int64, isoTime } from '../json';
import { type Status } from '../posting-store';
import { pick, rngFor } from '../random';
import { priceText, STREAM } from '../seed-data';
import type { SandboxState } from '../state';

/** The optional blocks a posting read can ask for (`with` in the request). */
export interface PostingBlocks {
  analytics_data?: boolean;
  barcodes?: boolean;
  financial_data?: boolean;
  legal_info?: boolean;
  related_postings?: boolean;
}

const BUYERS = ['Анна Смирнова', 'Иван Петров', 'Olga Ivanova', 'Дмитрий Козлов', 'Maria Sokolova'];
const STREETS = [
  'ул. Лесная, д. 5, кв. 12',
  'пр. Мира, д. 101',
  'ул. Гагарина, д. 7',
  'Tverskaya st. 18',
];

/** Buttons the marketplace offers for a posting right now (Ozon's `available_actions`). */
export function availableActions(state: SandboxState, index: number, now: number): string[] {
  const status: Status = state.store.statusOf(index);
  const extra = state.store.extras.get(index);
  const isRfbs = state.warehouseOf(index).isRfbs;
  if (extra?.shipPending) return ['ship_async_in_process'];
  switch (status) {
    case 'awaiting_approve':
      return ['cancel'];
    case 'awaiting_packaging':
      return state.store.substatusOf(index) === 'ship_failed'
        ? ['cancel', 'product_cancel', 'ship', 'ship_async_retry']
        : ['cancel', 'product_cancel', 'ship', 'ship_async'];
    case 'awaiting_deliver': {
      const labels = state.labelProblem(state.store.postingNumber(index), now)
        ? []
        : ['label_download', 'label_download_big', 'label_download_small'];
      return isRfbs
        ? ['cancel', ...labels, 'set_track_number', 'non_int_delivering']
        : ['cancel', ...labels];
    }
    case 'delivering':
      return isRfbs ? ['set_track_number', 'non_int_last_mile', 'non_int_delivered'] : [];
    default:
      return [];
  }
}

function cancellationJson(state: SandboxState, index: number): JsonObject {
  const cancellation = state.cancellationOf(index);
  return {
    cancel_reason_id: cancellation?.reasonId ?? 0,
    cancel_reason: cancellation?.reason ?? '',
    cancellation_type: cancellation?.type ?? '',
    cancellation_initiator: cancellation
      ? cancellation.type === 'client'
        ? 'Покупатель'
        : 'Продавец'
      : '',
    cancelled_after_ship: cancellation?.afterShip ?? false,
    affect_cancellation_rating: cancellation?.type === 'seller',
  };
}

function buyer(state: SandboxState, index: number) {
  const rng = rngFor(state.seed, STREAM.posting, state.store.originOf(index), 3);
  return {
    name: pick(rng, BUYERS),
    phone: `+7900${String(Math.floor(rng() * 10_000_000)).padStart(7, '0')}`,
    street: pick(rng, STREETS),
    customerId: 100_000_000 + Math.floor(rng() * 900_000_000),
  };
}

function deliveringDate(state: SandboxState, index: number): string | undefined {
  const status = state.store.statusOf(index);
  const at =
    state.store.extras.get(index)?.deliveringAt ??
    (status === 'delivering' || status === 'delivered' ? state.store.changedAt[index] : undefined);
  return at === undefined ? undefined : isoTime(at);
}

/** Fields both the v4 list posting and the v3 detail share. */
function common(state: SandboxState, index: number, now: number): JsonObject {
  const store = state.store;
  const warehouse = state.warehouseOf(index);
  const extra = store.extras.get(index);
  const json: JsonObject = {
    posting_number: store.postingNumber(index),
    order_id: store.orderId(index),
    order_number: store.orderNumber(index),
    parent_posting_number: extra?.parent ?? '',
    status: store.statusOf(index),
    substatus: store.substatusOf(index),
    in_process_at: isoTime(store.createdAt[index] ?? 0),
    shipment_date: isoTime(store.shipmentDate[index] ?? 0),
    shipment_date_without_delay: isoTime(store.shipmentDate[index] ?? 0),
    delivering_date: deliveringDate(state, index),
    tracking_number: extra?.trackingNumber ?? '',
    tpl_integration_type: warehouse.isRfbs ? 'non_integrated' : 'ozon',
    delivery_method: {
      id: int64(warehouse.deliveryMethodId),
      name: warehouse.deliveryMethodName,
      warehouse_id: int64(warehouse.id),
      warehouse: warehouse.name,
      tpl_provider_id: warehouse.tplProviderId,
      tpl_provider: warehouse.tplProvider,
    },
    cancellation: cancellationJson(state, index),
    is_express: false,
    is_multibox: false,
    multi_box_qty: 1,
    available_actions: availableActions(state, index, now),
  };
  if (warehouse.isRfbs) {
    const who = buyer(state, index);
    json.customer = {
      customer_id: who.customerId,
      name: who.name,
      phone: who.phone,
      address: {
        address_tail: who.street,
        city: warehouse.city,
        region: warehouse.city,
        district: '',
        country: 'Россия',
        zip_code: '101000',
        comment: '',
        latitude: 55.75,
        longitude: 37.61,
        pvz_code: 0,
        provider_pvz_code: '',
      },
    };
  }
  return json;
}

function requirements(): JsonObject {
  return {
    products_requiring_mandatory_mark: [],
    products_requiring_gtd: [],
    products_requiring_country: [],
    products_requiring_change_country: [],
    products_requiring_jw_uin: [],
    products_requiring_rnpt: [],
    products_requiring_weight: [],
    products_requiring_imei: [],
  };
}

function barcodes(state: SandboxState, index: number): JsonObject {
  const code = `71${String(state.store.orderId(index) % 1e13).padStart(13, '0')}`;
  return { upper_barcode: code, lower_barcode: code };
}

function analytics(state: SandboxState, index: number): JsonObject {
  const warehouse = state.warehouseOf(index);
  const shipment = state.store.shipmentDate[index] ?? 0;
  return {
    city: warehouse.city,
    region: warehouse.city,
    delivery_type: warehouse.isRfbs ? 'Courier' : 'PVZ',
    is_premium: false,
    is_legal: false,
    payment_type_group_name: 'Карты оплаты',
    warehouse_id: int64(warehouse.id),
    warehouse: warehouse.name,
    tpl_provider: warehouse.tplProvider,
    tpl_provider_id: warehouse.tplProviderId,
    delivery_date_begin: isoTime(shipment + 86_400_000),
    delivery_date_end: isoTime(shipment + 3 * 86_400_000),
  };
}

const LEGAL_INFO = { company_name: '', inn: '', kpp: '' };

/** One posting as `/v4/posting/fbs/list` and `/v4/posting/fbs/unfulfilled/list` send it. */
export function postingV4(
  state: SandboxState,
  index: number,
  blocks: PostingBlocks,
  now: number,
): JsonObject {
  const items = state.store.items(index);
  const json = common(state, index, now);
  json.products = items.map((item) => {
    const product = state.product(item.product);
    return {
      sku: product.sku,
      offer_id: product.offerId,
      name: product.name,
      quantity: item.quantity,
      price: { amount: priceText(product.priceMinor), currency: 'RUB' },
      imei: [],
      is_blr_traceable: false,
      is_marketplace_buyout: false,
      weight: product.weightGrams / 1000,
    };
  });
  json.requirements = requirements();
  if (state.warehouseOf(index).isRfbs) json.addressee = { name: buyer(state, index).name };
  if (blocks.barcodes) json.barcodes = barcodes(state, index);
  if (blocks.analytics_data) json.analytics_data = analytics(state, index);
  if (blocks.legal_info) json.legal_info = LEGAL_INFO;
  if (blocks.financial_data) {
    json.financial_data = {
      cluster_from: 'Москва, МО и Дальние регионы',
      cluster_to: state.warehouseOf(index).city,
      products: items.map((item) => {
        const product = state.product(item.product);
        const price = product.priceMinor / 100;
        return {
          product_id: product.sku,
          quantity: item.quantity,
          price,
          old_price: product.oldPriceMinor / 100,
          payout: Math.round(product.priceMinor * 0.85) / 100,
          commission: {
            amount: Math.round(product.priceMinor * 0.15) / 100,
            currency: 'RUB',
            percent: 15,
          },
          customer_price: { amount: priceText(product.priceMinor), currency: 'RUB' },
          total_discount_value: 0,
          total_discount_percent: 0,
          actions: [],
        };
      }),
    };
  }
  return json;
}

/** One posting as `/v3/posting/fbs/get` sends it inside `result` (v3 shapes: price as a string). */
export function postingV3(
  state: SandboxState,
  index: number,
  blocks: PostingBlocks,
  now: number,
): JsonObject {
  const items = state.store.items(index);
  const json = common(state, index, now);
  json.products = items.map((item) => {
    const product = state.product(item.product);
    return {
      sku: product.sku,
      offer_id: product.offerId,
      name: product.name,
      quantity: item.quantity,
      price: priceText(product.priceMinor),
      currency_code: 'RUB',
      mandatory_mark: [],
      jw_uin: [],
      is_blr_traceable: false,
      is_marketplace_buyout: false,
      has_imei: false,
      is_weight_needed: false,
      dimensions: {
        height: '100',
        length: '200',
        width: '150',
        weight: String(product.weightGrams),
      },
    };
  });
  json.requirements = requirements();
  if (state.warehouseOf(index).isRfbs) {
    const who = buyer(state, index);
    json.addressee = { name: who.name, phone: who.phone };
  }
  if (blocks.barcodes) json.barcodes = barcodes(state, index);
  if (blocks.analytics_data) json.analytics_data = analytics(state, index);
  if (blocks.legal_info) json.legal_info = LEGAL_INFO;
  if (blocks.related_postings) {
    json.related_postings = { related_posting_numbers: relatedPostings(state, index) };
  }
  if (blocks.financial_data) {
    json.financial_data = {
      cluster_from: 'Москва, МО и Дальние регионы',
      cluster_to: state.warehouseOf(index).city,
      products: items.map((item) => {
        const product = state.product(item.product);
        return {
          product_id: product.sku,
          quantity: item.quantity,
          price: product.priceMinor / 100,
          old_price: product.oldPriceMinor / 100,
          payout: Math.round(product.priceMinor * 0.85) / 100,
          commission_amount: Math.round(product.priceMinor * 0.15) / 100,
          commission_percent: 15,
          currency_code: 'RUB',
          customer_price: product.priceMinor / 100,
          total_discount_value: 0,
          total_discount_percent: 0,
          actions: [],
        };
      }),
    };
  }
  return json;
}

/** The other postings of the same order (made by splitting it at ship). */
function relatedPostings(state: SandboxState, index: number): string[] {
  const origin = state.store.originOf(index);
  const order = state.store.orderNumber(origin);
  const last = (state.store.extras.get(origin)?.nextSuffix ?? 2) - 1;
  const numbers: string[] = [];
  for (let suffix = 1; suffix <= last; suffix++) numbers.push(`${order}-${suffix}`);
  return numbers.filter((number) => number !== state.store.postingNumber(index));
}
