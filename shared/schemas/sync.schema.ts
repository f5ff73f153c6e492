import { z } from 'zod';
import { OZON_BASE_URL_PATTERN } from '../domain/ozon-endpoint';
import { FAILURE_KINDS, POSTING_STATUSES } from '../domain/postings';
import { epochMs } from './common.schema';

export const connectionState = z.enum(['unknown', 'online', 'offline', 'auth_failed']);

/** What a pull fetches from the marketplace; each has its own cursor, schedule and backoff. */
export const SYNC_RESOURCES = ['credentials', 'warehouses', 'products', 'postings'] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

/** A resource held back after a failure while the others go on. */
export const resourceWait = z.object({
  resource: z.enum(SYNC_RESOURCES),
  /** Not fetched again before this: the marketplace's Retry-After, or a backoff. */
  until: epochMs,
  errorKind: z.enum(FAILURE_KINDS),
  /** The failure in English, as the marketplace or the network reported it. */
  error: z.string(),
});
export type ResourceWait = z.infer<typeof resourceWait>;

/**
 * Why an outbox action last failed: how a marketplace call failed, or `ship_failed` (the
 * marketplace accepted a ship, then did not carry it out; it is sent again).
 */
export const ACTION_ERROR_KINDS = [...FAILURE_KINDS, 'ship_failed'] as const;
export type ActionErrorKind = (typeof ACTION_ERROR_KINDS)[number];

export const syncStatus = z.object({
  connection: connectionState,
  lastPullAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: epochMs.nullable(),
  nextPullAt: epochMs.nullable(),
  isSyncing: z.boolean(),
  /** Actions not yet confirmed by the marketplace (including rejected ones awaiting a person). */
  open: z.number().int(),
  rejected: z.number().int(),
  oldestOpenAt: epochMs.nullable(),
  nextAttemptAt: epochMs.nullable(),
  /** Resources waiting out a 429 or a backoff; a waiting resource never stops the others. */
  waiting: z.array(resourceWait),
  /**
   * A sync error for as long as it lasts: products the marketplace gave no SKU, so no posting
   * can be matched to them (archived ones left out). The first few by offer id, and the count.
   */
  productsWithoutSku: z.object({
    count: z.number().int(),
    products: z.array(z.object({ productId: z.string(), offerId: z.string(), name: z.string() })),
  }),
});

export const account = z.object({
  id: z.number().int(),
  marketplace: z.string(),
  name: z.string(),
  isDemo: z.boolean(),
  clientId: z.string(),
  credentialsExpireAt: epochMs.nullable(),
  /** `expiring` from 14 days before the marketplace key stops working. */
  credentialsWarning: z.enum(['ok', 'expiring', 'expired', 'unknown']),
  sync: syncStatus,
});
export type Account = z.infer<typeof account>;

export const connectOzonInput = z.object({
  name: z.string().trim().min(1).max(80),
  clientId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/),
  apiKey: z.string().trim().min(8).max(200),
  /** Ozon's own API (the default) or a sandbox on loopback; nothing else (see ozon-endpoint). */
  baseUrl: z.string().trim().toLowerCase().regex(OZON_BASE_URL_PATTERN).optional(),
});

/** A warehouse as last synced from an account's marketplace, for choosing one by name. */
export const warehouse = z.object({
  accountId: z.number().int(),
  accountName: z.string(),
  warehouseId: z.string(),
  name: z.string(),
  isRfbs: z.boolean(),
  /** The marketplace's own status word, e.g. `created` or `disabled`. */
  status: z.string(),
});
export type Warehouse = z.infer<typeof warehouse>;

export const accountIdInput = z.object({ accountId: z.number().int().positive() });

export const postingItem = z.object({
  sku: z.string(),
  offerId: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
});

export const postingSummary = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  status: z.enum(POSTING_STATUSES),
  marketplaceStatus: z.string(),
  inProcessAt: epochMs.nullable(),
  shipmentDate: epochMs.nullable(),
  itemCount: z.number().int(),
  localState: z.enum(['none', 'shipping', 'cancelling']),
  /** The marketplace accepted its ship, then did not carry it out; it is being sent again. */
  shipFailed: z.boolean(),
});
export type PostingSummary = z.infer<typeof postingSummary>;

export const searchPostingsInput = z.object({
  /** A posting or order number, or its beginning. */
  query: z.string().trim().max(64).optional(),
  status: z.enum(POSTING_STATUSES).optional(),
  /** Keyset cursor from the previous page. */
  after: z.object({ inProcessAt: z.number().int(), id: z.number().int() }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const postingsPage = z.object({
  items: z.array(postingSummary),
  after: z.object({ inProcessAt: z.number().int(), id: z.number().int() }).nullable(),
});

export const alert = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  postingNumber: z.string(),
  kind: z.string(),
  message: z.string(),
  createdAt: epochMs,
});

export const outboxAction = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  action: z.string(),
  subject: z.string(),
  state: z.enum([
    'pending',
    'in_flight',
    'verifying',
    'uncertain',
    'done',
    'rejected',
    'discarded',
  ]),
  attempts: z.number().int(),
  nextAttemptAt: epochMs,
  lastError: z.string().nullable(),
  /** What kind of failure `lastError` was, so every client can say it in its own language. */
  lastErrorKind: z.enum(ACTION_ERROR_KINDS).nullable(),
  createdAt: epochMs,
});

export const postingDetail = postingSummary.extend({
  orderId: z.string(),
  warehouseId: z.string().nullable(),
  deliveryMethod: z.string().nullable(),
  trackingNumber: z.string(),
  cancelReason: z.string().nullable(),
  items: z.array(postingItem),
  alerts: z.array(alert),
  actions: z.array(outboxAction),
});

export const postingNumberInput = z.object({ postingNumber: z.string().trim().min(1).max(64) });

export const shipPostingInput = z.object({
  postingNumber: z.string().trim().min(1).max(64),
  /** Omit to ship everything in one package. */
  packages: z
    .array(
      z.object({
        items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
      }),
    )
    .min(1)
    .optional(),
});

export const cancelPostingInput = z.object({
  postingNumber: z.string().trim().min(1).max(64),
  reasonId: z.string().regex(/^\d+$/),
  message: z.string().trim().max(500).optional(),
});

export const setStockInput = z.object({
  accountId: z.number().int().positive(),
  offerId: z.string().min(1).max(100),
  warehouseId: z.string().regex(/^\d+$/),
  stock: z.number().int().min(0).max(999_999),
});

export const actionIdInput = z.object({ actionId: z.number().int().positive() });
export const alertIdInput = z.object({ alertId: z.number().int().positive() });
