import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PostingStatus } from '../../../shared/domain/postings';
import type { Role } from '../../../shared/domain/roles';
import type {
  CodePage,
  LabelSource,
  PaperSize,
  PrintDocumentKind,
  PrinterLanguage,
  PrinterTransport,
  PrintJobState,
  PrintReasonCode,
} from '../../../shared/schemas/printing.schema';

/** Kysely's view of the database; one interface per table, snake_case as in SQL. */
export interface Database {
  shop: ShopTable;
  users: UsersTable;
  sessions: SessionsTable;
  preferences: PreferencesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  accounts: AccountsTable;
  warehouses: WarehousesTable;
  products: ProductsTable;
  product_barcodes: ProductBarcodesTable;
  product_skus: ProductSkusTable;
  postings: PostingsTable;
  posting_items: PostingItemsTable;
  outbox: OutboxTable;
  sync_cursors: SyncCursorsTable;
  alerts: AlertsTable;
  printers: PrintersTable;
  print_jobs: PrintJobsTable;
  marketplace_labels: MarketplaceLabelsTable;
  product_locations: ProductLocationsTable;
  pick_lists: PickListsTable;
  pick_list_postings: PickListPostingsTable;
  pick_list_lines: PickListLinesTable;
  pack_sessions: PackSessionsTable;
  pack_scans: PackScansTable;
  dispatch_batches: DispatchBatchesTable;
  dispatch_packages: DispatchPackagesTable;
}

export interface ShopTable {
  id: number;
  name: string;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  pin_hash: string | null;
  is_disabled: Generated<0 | 1>;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  origin: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface PreferencesTable {
  user_id: number;
  language: string;
  theme: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  username: string | null;
  method: string;
  outcome: 'ok' | 'denied' | 'failed';
  origin: string;
  detail: string;
}

export interface AccountsTable {
  id: Generated<number>;
  marketplace: string;
  name: string;
  base_url: string;
  client_id: string;
  api_key_sealed: string;
  is_demo: 0 | 1;
  credentials_expire_at: number | null;
  last_pull_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  created_at: number;
}
export type AccountRow = Selectable<AccountsTable>;

export interface WarehousesTable {
  account_id: number;
  warehouse_id: string;
  name: string;
  is_rfbs: 0 | 1;
  status: string;
  raw: string;
}

export interface ProductsTable {
  account_id: number;
  product_id: string;
  /** The SKU its FBS postings carry ('' when it has none); all of them are in product_skus. */
  sku: string;
  offer_id: string;
  name: string;
  price_minor: number | null;
  currency: string;
  is_archived: 0 | 1;
  image_url: string | null;
  raw: string;
  synced_at: number;
}

export interface ProductBarcodesTable {
  account_id: number;
  barcode: string;
  product_id: string;
}

/** Every SKU of a product; postings name a product by any one of them. */
export interface ProductSkusTable {
  account_id: number;
  sku: string;
  product_id: string;
}

export const LOCAL_POSTING_STATES = ['none', 'shipping', 'cancelling'] as const;
export type LocalPostingState = (typeof LOCAL_POSTING_STATES)[number];

export interface PostingsTable {
  id: Generated<number>;
  account_id: number;
  posting_number: string;
  order_number: string;
  order_id: string;
  status: PostingStatus;
  marketplace_status: string;
  marketplace_substatus: string;
  in_process_at: number;
  shipment_date: number | null;
  changed_at: number | null;
  warehouse_id: string | null;
  delivery_method: string | null;
  tracking_number: string;
  cancel_reason: string | null;
  item_count: number;
  local_state: Generated<LocalPostingState>;
  raw: string;
  synced_at: number;
}
export type PostingRow = Selectable<PostingsTable>;

export interface PostingItemsTable {
  posting_id: number;
  line: number;
  sku: string;
  offer_id: string;
  name: string;
  quantity: number;
  price_minor: number;
  currency: string;
}

export const OUTBOX_STATES = [
  'pending',
  'in_flight',
  'verifying',
  'uncertain',
  'done',
  'rejected',
  'discarded',
] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxTable {
  id: Generated<number>;
  account_id: number;
  idempotency_key: string;
  action: string;
  subject: string;
  payload: string;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  last_error_kind: string | null;
  created_at: number;
  created_by: number | null;
  finished_at: number | null;
}
export type OutboxRow = Selectable<OutboxTable>;

export interface SyncCursorsTable {
  account_id: number;
  resource: string;
  value: string;
  updated_at: number;
}

export interface AlertsTable {
  id: Generated<number>;
  account_id: number;
  posting_number: string;
  kind: string;
  message: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: number | null;
}

export interface PrintersTable {
  id: Generated<number>;
  name: string;
  transport: PrinterTransport;
  host: string | null;
  port: number | null;
  device_path: string | null;
  os_queue: Generated<string | null>;
  language: PrinterLanguage;
  paper: PaperSize;
  dpi: number;
  code_page: CodePage;
  for_labels: 0 | 1;
  for_receipts: 0 | 1;
  for_pick_lists: 0 | 1;
  reports_status: 0 | 1;
  label_source: Generated<LabelSource>;
  packing_slip_on_complete: Generated<0 | 1>;
  created_at: number;
  updated_at: number;
  removed_at: number | null;
}
export type PrinterRow = Selectable<PrintersTable>;

export interface PrintJobsTable {
  id: Generated<number>;
  printer_id: number;
  kind: PrintDocumentKind;
  document_key: string;
  bytes: Buffer;
  state: PrintJobState;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  last_error_code: PrintReasonCode | null;
  may_have_printed: Generated<0 | 1>;
  created_by: number | null;
  reprint_of: number | null;
  reprint_reason: string | null;
  created_at: number;
  printed_at: number | null;
}
export type PrintJobRow = Selectable<PrintJobsTable>;

export interface MarketplaceLabelsTable {
  account_id: number;
  posting_number: string;
  state: 'pending' | 'ready' | 'failed';
  pdf: Buffer | null;
  task_id: string | null;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  fetched_at: number | null;
  print_on_arrival_printer_id: number | null;
  print_on_arrival_by: number | null;
  created_at: number;
}
export type MarketplaceLabelRow = Selectable<MarketplaceLabelsTable>;

export interface ProductLocationsTable {
  account_id: number;
  sku: string;
  location: string;
  updated_at: number;
}

export interface PickListsTable {
  id: Generated<number>;
  created_at: number;
  created_by: number | null;
  criteria: string;
}

export interface PickListPostingsTable {
  pick_list_id: number;
  posting_id: number;
  position: number;
}

export interface PickListLinesTable {
  pick_list_id: number;
  position: number;
  sku: string;
  offer_id: string;
  name: string;
  location: string | null;
  quantity: number;
  postings: number;
}

export const PACK_SESSION_STATES = ['open', 'completed', 'skipped'] as const;
export type PackSessionState = (typeof PACK_SESSION_STATES)[number];

export interface PackSessionsTable {
  id: Generated<number>;
  posting_id: number;
  account_id: number;
  station_session_id: number;
  origin: string;
  opened_by: number;
  completed_by: number | null;
  state: PackSessionState;
  started_at: number;
  resumed_at: number;
  active_ms: Generated<number>;
  completed_at: number | null;
}
export type PackSessionRow = Selectable<PackSessionsTable>;

export interface PackScansTable {
  id: Generated<number>;
  pack_session_id: number | null;
  station_session_id: number | null;
  user_id: number;
  at: number;
  code: string;
  source: 'keyboard' | 'serial' | 'screen';
  kind: string;
  verdict: string;
  sku: string | null;
  package_index: number | null;
  is_undone: Generated<0 | 1>;
}

export interface DispatchBatchesTable {
  id: Generated<number>;
  carrier: string;
  state: 'open' | 'closed';
  created_at: number;
  created_by: number | null;
  closed_at: number | null;
  closed_by: number | null;
}
export type DispatchBatchRow = Selectable<DispatchBatchesTable>;

export interface DispatchPackagesTable {
  batch_id: number;
  posting_id: number;
  package_index: number;
  scanned_at: number;
  scanned_by: number | null;
}
