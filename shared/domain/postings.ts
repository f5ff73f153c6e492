/**
 * Where a posting stands for the counter, whatever the marketplace calls it. Connectors map
 * their own statuses onto these and keep the original beside it.
 */
export const POSTING_STATUSES = [
  'new', // the marketplace has not released it for packing yet
  'to_pack', // the packer's work: pick, pack, ship
  'packed', // shipped on the marketplace, waiting for handover to the carrier
  'in_delivery',
  'delivered',
  'cancelled',
  'dispute',
  'other',
] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export interface PostingItem {
  /** Marketplace item id (Ozon SKU; int64, so text). */
  sku: string;
  /** The seller's own article. */
  offerId: string;
  name: string;
  quantity: number;
  /** Unit price in minor units (kopecks, fen…), never a float. */
  priceMinor: number;
  currency: string;
}

/** One package of a shipment: which items, how many of each. */
export interface ShipmentPackage {
  items: { sku: string; quantity: number }[];
}

/** How a marketplace call failed; see `MarketplaceError` in the core's connector interface. */
export const FAILURE_KINDS = [
  'transient',
  'rate_limited',
  'uncertain',
  'rejected',
  'auth',
  'malformed',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
