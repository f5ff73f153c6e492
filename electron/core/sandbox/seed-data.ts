import { gs1CheckDigit } from '../../../shared/lib/barcodes';
import { minorToDecimal } from '../../../shared/lib/money';
import { intBetween, pick, rngFor } from './random';

/** Streams of the seeded generator; one per kind of entity so adding one never shifts another. */
export const STREAM = {
  product: 1,
  posting: 2,
  postingStream: 3,
  bulk: 4,
  faults: 5,
  stock: 6,
  initial: 7,
} as const;

export interface Warehouse {
  /** int64 above 2^53, emitted as a bare JSON number. */
  id: string;
  name: string;
  isRfbs: boolean;
  deliveryMethodId: string;
  deliveryMethodName: string;
  tplProviderId: number;
  tplProvider: string;
  city: string;
  /** Share of new postings that land here. */
  weight: number;
}

export type SkuSource = 'SDS' | 'FBO' | 'FBS';

export interface Product {
  index: number;
  productId: number;
  /** The SKU FBS postings carry; 0 for a card Ozon has not given one yet. */
  sku: number;
  /**
   * Every SKU of the product as `/v3/product/info/list` lists it in `sources[]`: one `SDS` SKU
   * (FBO and FBS alike) for cards made since July 2023; separate `FBO` and `FBS` SKUs for older
   * ones, whose card then shows no `sku` of its own. Empty while the card has none.
   */
  sources: { sku: number; source: SkuSource }[];
  offerId: string;
  name: string;
  barcodes: string[];
  priceMinor: number;
  oldPriceMinor: number;
  weightGrams: number;
  createdAt: number;
}

export interface CancelReason {
  id: number;
  title: string;
  typeId: 'buyer' | 'seller';
  isAvailableForCancellation: boolean;
}

export const PRODUCT_COUNT = 320;

/** Every 16th card predates SDS: its FBO and FBS SKUs differ and only `sources[]` lists them. */
const isPreSdsCard = (index: number) => index % 16 === 7;
/** FBO SKUs of pre-SDS cards, far above every FBS or SDS SKU of the shop. */
const FBO_SKU_OFFSET = 50_000_000_000;

// Ids are above Number.MAX_SAFE_INTEGER on purpose: a client that parses them as doubles breaks.
export const WAREHOUSES: readonly Warehouse[] = [
  {
    id: '21020005003107121',
    name: 'Склад Ногинск FBS',
    isRfbs: false,
    deliveryMethodId: '22020005003107125',
    deliveryMethodName: 'Ozon Логистика курьеру, Ногинск',
    tplProviderId: 24,
    tplProvider: 'Ozon Логистика',
    city: 'Ногинск',
    weight: 0.5,
  },
  {
    id: '21020005003107353',
    name: 'Warehouse Kazan FBS',
    isRfbs: false,
    deliveryMethodId: '22020005003107359',
    deliveryMethodName: 'Ozon Logistics drop-off, Kazan',
    tplProviderId: 24,
    tplProvider: 'Ozon Логистика',
    city: 'Казань',
    weight: 0.3,
  },
  {
    id: '21020005003109889',
    name: 'Магазин на Лесной rFBS',
    isRfbs: true,
    deliveryMethodId: '22020005003109893',
    deliveryMethodName: 'Доставка силами продавца',
    tplProviderId: 0,
    tplProvider: '',
    city: 'Москва',
    weight: 0.2,
  },
];

/**
 * Seller reasons as in the Ozon docs' example (352, 400, 401, 402, 666); 507 is a sandbox-made
 * buyer reason used for buyer cancellations, whose real id the docs do not give.
 */
export const CANCEL_REASONS: readonly CancelReason[] = [
  {
    id: 352,
    title: 'Товар закончился на складе продавца',
    typeId: 'seller',
    isAvailableForCancellation: true,
  },
  {
    id: 400,
    title: 'Остался только бракованный товар',
    typeId: 'seller',
    isAvailableForCancellation: true,
  },
  {
    id: 401,
    title: 'Продавец отклонил арбитраж',
    typeId: 'seller',
    isAvailableForCancellation: false,
  },
  { id: 402, title: 'Другое (вина продавца)', typeId: 'seller', isAvailableForCancellation: true },
  {
    id: 507,
    title: 'Покупатель отменил заказ',
    typeId: 'buyer',
    isAvailableForCancellation: false,
  },
  {
    id: 666,
    title: 'Возврат из службы доставки: нет доставки в указанный регион',
    typeId: 'seller',
    isAvailableForCancellation: false,
  },
];

/** Reason 402 ("other") is only accepted with a free-text message. */
export const REASON_NEEDS_MESSAGE = 402;
export const BUYER_CANCEL_REASON = 507;

const NAMES_RU = {
  things: [
    'Кружка',
    'Футболка',
    'Чехол для телефона',
    'Рюкзак',
    'Термос',
    'Плед',
    'Настольная лампа',
    'Блокнот',
    'Носки',
    'Зарядное устройство',
    'Коврик для йоги',
    'Чайник',
    'Наушники',
    'Органайзер',
  ],
  traits: [
    'керамическая',
    'хлопковая',
    'силиконовый',
    'городской',
    'стальной',
    'шерстяной',
    'светодиодная',
    'в клетку',
    'тёплые',
    'быстрое',
    'нескользящий',
    'электрический',
    'беспроводные',
    'настенный',
  ],
  colors: ['белый', 'чёрный', 'синий', 'зелёный', 'серый', 'бежевый'],
};
const NAMES_EN = {
  things: [
    'Coffee mug',
    'T-shirt',
    'Phone case',
    'Backpack',
    'Vacuum flask',
    'Throw blanket',
    'Desk lamp',
    'Notebook',
    'Socks',
    'USB-C charger',
    'Yoga mat',
    'Kettle',
    'Earbuds',
    'Cable organizer',
  ],
  traits: [
    'ceramic',
    'cotton',
    'silicone',
    'urban',
    'steel',
    'wool',
    'LED',
    'grid-ruled',
    'thermal',
    'fast',
    'non-slip',
    'electric',
    'wireless',
    'wall-mounted',
  ],
  colors: ['white', 'black', 'blue', 'green', 'grey', 'beige'],
};

function ean13(prefix: string, serial: number): string {
  const body = prefix + String(serial % 1_000_000_000).padStart(9, '0');
  return body + String(gs1CheckDigit(body));
}

/** The demo shop's catalogue; a pure function of the seed. */
export function buildProducts(seed: number, createdBefore: number): Product[] {
  const products: Product[] = [];
  const serialBase = seed % 1_000_000_000;
  for (let index = 0; index < PRODUCT_COUNT; index++) {
    const rng = rngFor(seed, STREAM.product, index);
    const russian = rng() < 0.6;
    const words = russian ? NAMES_RU : NAMES_EN;
    const thing = intBetween(rng, 0, words.things.length - 1);
    const name = `${words.things[thing]} ${words.traits[thing]}, ${pick(rng, words.colors)}${
      rng() < 0.4 ? `, ${intBetween(rng, 2, 6) * 100} ${russian ? 'мл' : 'ml'}` : ''
    }`;
    const priceMinor = intBetween(rng, 99, 9999) * 100 + pick(rng, [0, 0, 50, 90]);
    // 7919 is coprime with 10^9, so serials never repeat within a shop.
    const barcodes = [ean13('460', serialBase + index * 7919)];
    if (index % 7 === 3) barcodes.push(ean13('469', serialBase + index * 104_729));
    const sku = 827_098_843 + index * 104_729 + (seed % 1000) * 10_000_019;
    products.push({
      index,
      productId: 339_791_768 + index * 7_919 + (seed % 1000) * 1_000_003,
      sku,
      sources: isPreSdsCard(index)
        ? [
            { sku: sku + FBO_SKU_OFFSET, source: 'FBO' },
            { sku, source: 'FBS' },
          ]
        : [{ sku, source: 'SDS' }],
      offerId: russian ? `АРТ-${1000 + index}` : `SK-${String(index + 1).padStart(4, '0')}`,
      name,
      barcodes,
      priceMinor,
      oldPriceMinor: rng() < 0.3 ? Math.round(priceMinor * 1.25) : 0,
      weightGrams: intBetween(rng, 50, 3000),
      createdAt: createdBefore - intBetween(rng, 30, 400) * 86_400_000,
    });
  }
  return products;
}

export function priceText(minor: number): string {
  return minorToDecimal(minor, 2);
}

/** Initial free stock of a (warehouse, product) pair before any update. */
export function initialStock(seed: number, warehouseIndex: number, productIndex: number): number {
  const rng = rngFor(seed, STREAM.stock, warehouseIndex, productIndex);
  return rng() < 0.15 ? 0 : intBetween(rng, 1, 120);
}

/** Placeholder product picture: an SVG with the offer id, served by the sandbox. */
export function productImageSvg(offerId: string, hue: number): string {
  const text = offerId.replace(/[<>&"]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><rect width="400" height="400" fill="hsl(${hue},45%,80%)"/><text x="200" y="210" font-family="sans-serif" font-size="36" text-anchor="middle">${text}</text></svg>`;
}
