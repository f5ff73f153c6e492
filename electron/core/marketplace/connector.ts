import type {
  FailureKind,
  PostingItem,
  PostingStatus,
  ShipmentPackage,
} from '../../../shared/domain/postings';
import type { StockUpdate } from '../../../shared/domain/stock';

/**
 * What a marketplace can do through its API. A marketplace without an API for something says
 * so here, and the sync engine and the UI leave it out instead of failing.
 */
export interface ConnectorCapabilities {
  postings: boolean;
  products: boolean;
  warehouses: boolean;
  ship: boolean;
  cancel: boolean;
  stockUpdate: boolean;
  archive: boolean;
  labels: boolean;
  rfbsDelivery: boolean;
  chats: boolean;
  returns: boolean;
}

export interface RemotePosting {
  postingNumber: string;
  orderNumber: string;
  /** int64 on Ozon: text, parsed losslessly. */
  orderId: string;
  status: PostingStatus;
  /** The marketplace's own status and substatus, as it sent them. */
  marketplaceStatus: string;
  marketplaceSubstatus: string;
  inProcessAt: number | null;
  shipmentDate: number | null;
  /** Last status change as the marketplace reports it (epoch ms), if it does. */
  changedAt: number | null;
  warehouseId: string | null;
  deliveryMethod: string | null;
  trackingNumber: string;
  cancelReason: string | null;
  items: PostingItem[];
  availableActions: string[];
  /** The posting exactly as received (lossless JSON text), kept beside the mapped row. */
  raw: string;
}

export interface RemoteProduct {
  productId: string;
  /**
   * Every SKU the marketplace gives the product, the one its FBS postings carry first. Empty
   * while it has none (a card still in moderation): no posting can name such a product.
   */
  skus: string[];
  offerId: string;
  name: string;
  barcodes: string[];
  priceMinor: number | null;
  currency: string;
  isArchived: boolean;
  imageUrl: string | null;
  raw: string;
}

export interface RemoteWarehouse {
  warehouseId: string;
  name: string;
  isRfbs: boolean;
  status: string;
  raw: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null when there is none. */
  next: string | null;
}

export interface PostingQuery {
  /** Postings whose status changed at or after this time (epoch ms). */
  changedSince: number;
  /** Up to this time (epoch ms); the marketplace may cap the window. */
  until: number;
  cursor: string | null;
}

/** Re-exported so the connectors keep naming it from here. */
export type { StockUpdate };

/** Per-item outcome of a bulk call answered with HTTP 200 (Ozon stocks, prices). */
export interface ItemResult<K> {
  key: K;
  ok: boolean;
  errors: { code: string; message: string }[];
}

export interface CredentialsInfo {
  /** When the API key stops working (epoch ms), if the marketplace says. */
  expiresAt: number | null;
  roles: string[];
}

export interface CancelReason {
  id: string;
  title: string;
  needsMessage: boolean;
}

export type LabelResult =
  | { state: 'ready'; pdf: Uint8Array }
  | { state: 'pending'; retryAfterMs: number; taskId: string | null };

export interface Connector {
  readonly marketplace: string;
  readonly capabilities: ConnectorCapabilities;
  checkCredentials(): Promise<CredentialsInfo>;
  listPostings(query: PostingQuery): Promise<Page<RemotePosting>>;
  getPosting(postingNumber: string): Promise<RemotePosting | null>;
  listProducts(cursor: string | null): Promise<Page<RemoteProduct>>;
  listWarehouses(): Promise<RemoteWarehouse[]>;
  /** Resulting posting numbers (one per package). Ship is asynchronous on Ozon: read back after. */
  ship(postingNumber: string, packages: ShipmentPackage[]): Promise<string[]>;
  cancelReasons(): Promise<CancelReason[]>;
  cancel(postingNumber: string, reasonId: string, message?: string): Promise<void>;
  /**
   * At most 100 per call; the caller batches. Failed items are in the result, not thrown; an
   * item the marketplace did not report on is left out (whether it applied is not known).
   */
  updateStocks(updates: StockUpdate[]): Promise<ItemResult<StockUpdate>[]>;
  setArchived(productIds: string[], archived: boolean): Promise<void>;
  /** The shipping label PDF, or "not yet" with a hint when to ask again. */
  getLabel(postingNumber: string, taskId: string | null): Promise<LabelResult>;
  setTrackingNumber(postingNumber: string, trackingNumber: string): Promise<ItemResult<string>>;
  markDelivering(postingNumber: string): Promise<ItemResult<string>>;
  markDelivered(postingNumber: string): Promise<ItemResult<string>>;
}

/**
 * How a failed marketplace call should be treated. `transient` and `rate_limited` are retried
 * with backoff; `uncertain` (the request may have taken effect, e.g. a timeout after sending)
 * must be read back before any retry; `rejected` is final for this action and shown to a person;
 * `auth` stops the account until its credentials are fixed; `malformed` means the reply could not
 * be understood and is treated as transient.
 */
export type { FailureKind };

export class MarketplaceError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'MarketplaceError';
  }
}
