import { z } from 'zod';
import { MAX_SCAN_LENGTH } from '../domain/scan';
import { epochMs } from './common.schema';

const id = z.number().int().positive();

/** Where a scan came from: a keyboard-wedge burst, a serial scanner, or a button on the screen. */
export const SCAN_SOURCES = ['keyboard', 'serial', 'screen'] as const;

/**
 * What the counter says about one scan. Each verdict has its own sound and message; the ones in
 * `SCAN_VERDICT_TONE` decide whether the packer is stopped (`error`), warned or waved on.
 */
export const SCAN_VERDICTS = [
  /** A posting (or its label) was scanned and is now open for packing. */
  'posting_opened',
  /** One unit of an item of the open posting was ticked. */
  'item_ok',
  /** The product is not in the open posting. */
  'wrong_item',
  /** Every unit of this product is already ticked. */
  'too_many',
  /** Not a code we know: garbage, a bad check digit, an unknown product. */
  'unknown_code',
  /** An item was scanned while no posting is open. */
  'no_posting_open',
  /** The posting is not in the local database. */
  'posting_not_found',
  'posting_cancelled',
  /** An open alert or a queued cancellation holds the posting. */
  'posting_on_hold',
  'already_packed',
  /** Complete was asked for while units are still missing. */
  'incomplete',
  /** The posting is packed, its ship action queued and its label sent to the printer. */
  'completed',
  'package_added',
  'undone',
  'nothing_to_undo',
  /** The open posting was put aside unpacked. */
  'skipped',
  /** The switch-operator command: the screen asks who takes over. */
  'switch_operator',
] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

export const SCAN_TONES = ['ok', 'warning', 'error', 'done'] as const;
export type ScanTone = (typeof SCAN_TONES)[number];

export const SCAN_VERDICT_TONE: Record<ScanVerdict, ScanTone> = {
  posting_opened: 'ok',
  item_ok: 'ok',
  wrong_item: 'error',
  too_many: 'error',
  unknown_code: 'error',
  no_posting_open: 'warning',
  posting_not_found: 'error',
  posting_cancelled: 'error',
  posting_on_hold: 'error',
  already_packed: 'error',
  incomplete: 'warning',
  completed: 'done',
  package_added: 'ok',
  undone: 'warning',
  nothing_to_undo: 'warning',
  skipped: 'warning',
  switch_operator: 'ok',
};

export const packingScanInput = z.object({
  /** Raw text as read; the core classifies it (control characters, garbage and all). */
  code: z.string().max(MAX_SCAN_LENGTH * 4),
  source: z.enum(SCAN_SOURCES),
  /** When the scanner delivered it, epoch ms (the station's clock). */
  at: epochMs.optional(),
});

export const PACKING_COMMANDS = ['complete', 'new_package', 'skip', 'undo'] as const;
export const packingCommandInput = z.object({ command: z.enum(PACKING_COMMANDS) });

export const packingLine = z.object({
  sku: z.string(),
  offerId: z.string(),
  name: z.string(),
  imageUrl: z.string().nullable(),
  location: z.string().nullable(),
  barcodes: z.array(z.string()),
  quantity: z.number().int(),
  /** Units ticked so far, over all packages. */
  packed: z.number().int(),
});

export const packingPackage = z.object({
  /** From 1, as printed on our package label. */
  index: z.number().int().positive(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
});

/** The posting open at this station, or nothing. */
export const packingSession = z.object({
  sessionId: id,
  postingNumber: z.string(),
  orderNumber: z.string(),
  accountId: z.number().int(),
  shipmentDate: epochMs.nullable(),
  deliveryMethod: z.string().nullable(),
  lines: z.array(packingLine),
  packages: z.array(packingPackage),
  /** The package new scans go into. */
  currentPackage: z.number().int().positive(),
  startedAt: epochMs,
  wrongScans: z.number().int(),
});
export type PackingSession = z.infer<typeof packingSession>;

export const packingState = z.object({
  session: packingSession.nullable(),
  /** Ship actions and print jobs of this station not yet done, for the header. */
  waitingToSync: z.number().int(),
});

export const scanResult = z.object({
  verdict: z.enum(SCAN_VERDICTS),
  tone: z.enum(SCAN_TONES),
  /** The cleaned code and what it was taken for (`posting`, `gtin`, `sku`, `command`, `unknown`…). */
  code: z.string(),
  kind: z.string(),
  /** Facts for the message: the posting, the product, counts. */
  postingNumber: z.string().nullable(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  /** For an unknown code, why (`no_match`, `invalid_check_digit`, `control_characters`…). */
  reason: z.string().nullable(),
  state: packingState,
  /** On `completed`: the label's print job, or null when no label printer is set up. */
  labelJobId: z.number().int().nullable().optional(),
});
export type ScanResult = z.infer<typeof scanResult>;

// ---------------------------------------------------------------------------------------------
// Pick lists
// ---------------------------------------------------------------------------------------------

export const createPickListInput = z.object({
  /** Postings whose shipment date is on or before this moment (default: any). */
  shipmentBefore: epochMs.optional(),
  warehouseId: z.string().trim().min(1).max(64).optional(),
  /** At most this many postings, oldest shipment date first. */
  limit: z.number().int().min(1).max(500).default(50),
});

export const pickListLine = z.object({
  sku: z.string(),
  offerId: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  quantity: z.number().int(),
  postings: z.number().int(),
});

export const pickList = z.object({
  id,
  createdAt: epochMs,
  createdBy: z.string().nullable(),
  postingNumbers: z.array(z.string()),
  /** Sorted for one walk through the shelves: by location, items without one last. */
  lines: z.array(pickListLine),
});
export type PickList = z.infer<typeof pickList>;

export const pickListIdInput = z.object({ pickListId: id });

export const pickListSummary = z.object({
  id,
  createdAt: epochMs,
  createdBy: z.string().nullable(),
  postings: z.number().int(),
  units: z.number().int(),
});

// ---------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------

export const DISPATCH_VERDICTS = [
  'added',
  'already_in_batch',
  'not_packed',
  'cancelled',
  'other_carrier',
  'in_other_batch',
  'unknown_code',
  /** The batch was closed (at another station, say) before this scan reached it. */
  'batch_closed',
] as const;
export type DispatchVerdict = (typeof DISPATCH_VERDICTS)[number];

export const openDispatchInput = z.object({
  /** The delivery method (carrier or courier) this batch is handed to. */
  carrier: z.string().trim().min(1).max(200),
});

export const dispatchBatch = z.object({
  id,
  carrier: z.string(),
  state: z.enum(['open', 'closed']),
  createdAt: epochMs,
  createdBy: z.string().nullable(),
  closedAt: epochMs.nullable(),
  packages: z.array(
    z.object({
      postingNumber: z.string(),
      packageIndex: z.number().int().positive(),
      scannedAt: epochMs,
    }),
  ),
});
export type DispatchBatch = z.infer<typeof dispatchBatch>;

export const dispatchBatchIdInput = z.object({ batchId: id });

export const dispatchScanInput = z.object({
  batchId: id,
  code: z.string().max(MAX_SCAN_LENGTH * 4),
  source: z.enum(SCAN_SOURCES),
});

export const dispatchScanResult = z.object({
  verdict: z.enum(DISPATCH_VERDICTS),
  tone: z.enum(SCAN_TONES),
  postingNumber: z.string().nullable(),
  /**
   * Facts for the message, by verdict: `added` the package as `2/3` (of a posting in several),
   * `not_packed` the posting's status, `other_carrier` its carrier, `in_other_batch` that batch's
   * id, `unknown_code` the reason code. Codes, not words: the screen translates them.
   */
  detail: z.string().nullable(),
  batch: dispatchBatch,
});

/** Packed postings not yet handed over, by carrier, to open a batch for. */
export const dispatchCarrier = z.object({ carrier: z.string(), packed: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Counter statistics and scanners
// ---------------------------------------------------------------------------------------------

export const counterStatsInput = z.object({ from: epochMs, to: epochMs });

export const packerStats = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  orders: z.number().int(),
  units: z.number().int(),
  wrongScans: z.number().int(),
  /** Orders packed per hour of packing between the first and last completion. */
  ordersPerHour: z.number(),
  unitsPerHour: z.number(),
  averageSecondsPerOrder: z.number(),
});

export const counterStats = z.object({
  from: epochMs,
  to: epochMs,
  packers: z.array(packerStats),
});

export const serialScannerSettings = z.object({
  enabled: z.boolean(),
  /** `/dev/ttyACM0`, `COM3`…; the port list is offered by `scanners.ports`. */
  path: z
    .string()
    .trim()
    .max(256)
    .regex(/^(\/dev\/[A-Za-z0-9._/-]+|COM\d{1,3})$/)
    // `/dev/../home/…` would leave /dev: no parent-directory steps.
    .refine((path) => !path.split('/').includes('..'), { message: 'Not a serial port' })
    .nullable(),
  baudRate: z.union([
    z.literal(9600),
    z.literal(19200),
    z.literal(38400),
    z.literal(57600),
    z.literal(115200),
  ]),
});
export type SerialScannerSettings = z.infer<typeof serialScannerSettings>;

export const serialScannerStatus = serialScannerSettings.extend({
  state: z.enum(['off', 'open', 'error']),
  error: z.string().nullable(),
});

/** Scans from serial scanners after a given id; the `scans.changed` event says there are new ones. */
export const takeScansInput = z.object({ afterId: z.number().int().min(0) });
export const serialScan = z.object({
  id,
  code: z.string(),
  source: z.literal('serial'),
  at: epochMs,
});
