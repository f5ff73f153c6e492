import { z } from 'zod';

/** `os`: a printer queue of the operating system (CUPS `lp` on Linux and macOS). */
export const PRINTER_TRANSPORTS = ['tcp', 'device', 'os'] as const;
export type PrinterTransport = (typeof PRINTER_TRANSPORTS)[number];

/** `pdf`: documents go to an OS printer queue as PDF and the OS driver prints them. */
export const PRINTER_LANGUAGES = ['escpos', 'zpl', 'pdf'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

/** Rolls (`58mm`, `80mm`) have no fixed length; the others are die-cut labels, width × length. */
export const PAPER_SIZES = ['58mm', '80mm', '4x6in', '120x75mm', '58x40mm'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const PRINTER_DPIS = [203, 300] as const;
export type PrinterDpi = (typeof PRINTER_DPIS)[number];

/**
 * ESC/POS character tables we select with `ESC t n`. ZPL printers ignore this: their labels are
 * always UTF-8 (`^CI28`).
 */
export const CODE_PAGES = [
  'pc437',
  'pc850',
  'pc852',
  'pc858',
  'cp866',
  'wpc1251',
  'wpc1252',
] as const;
export type CodePage = (typeof CODE_PAGES)[number];

/**
 * Which shipping label completing a posting prints: ours (at once), or the marketplace's PDF
 * (cached as soon as the marketplace has it; printed when it arrives if it is not there yet).
 */
export const LABEL_SOURCES = ['own', 'marketplace'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export const PRINTER_STATES = ['ready', 'paper_out', 'cover_open', 'offline', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/**
 * Why a printer is not simply ready, or why a job is not printed, as a code every client can
 * say in its own language. The English text beside it (`reason`, `lastError`) keeps the details
 * (an errno, a spooler's message) for logs and for `other`, a reason the core has no code for.
 */
export const PRINT_REASON_CODES = [
  // What the printer itself reports.
  'paper_out',
  'paper_near_end',
  'cover_open',
  'ribbon_out',
  'head_temperature',
  'paused',
  'printer_error',
  'offline',
  // Why its status is not known.
  'status_device',
  'status_os_queue',
  'status_disabled',
  'no_answer',
  'bad_answer',
  // Getting the bytes there.
  'unreachable',
  'timeout',
  'connection_lost',
  'not_confirmed',
  'refused_by_spooler',
  'spooler_missing',
  'invalid_queue',
  'not_supported',
  // The queue.
  'printer_removed',
  'interrupted',
  'internal_error',
  'other',
] as const;
export type PrintReasonCode = (typeof PRINT_REASON_CODES)[number];

export const PRINT_JOB_STATES = ['queued', 'sending', 'printed', 'failed'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export const PRINT_DOCUMENT_KINDS = [
  'posting_label',
  'marketplace_label',
  'packing_slip',
  'pick_list',
  'manifest',
  'test_page',
] as const;
export type PrintDocumentKind = (typeof PRINT_DOCUMENT_KINDS)[number];

const id = z.number().int().positive();

/**
 * A device file on the station: `/dev/usb/lp0`-style on Linux and macOS, `\\.\…`, `LPTn` or
 * `COMn` on Windows. Nothing else, so a printer setting cannot be used to overwrite a file.
 */
const devicePath = z
  .string()
  .trim()
  .max(256)
  .regex(/^(\/dev\/[A-Za-z0-9._/-]+|\\\\\.\\[A-Za-z0-9._#{}-]+|(LPT|COM)\d{1,2})$/)
  // `/dev/../home/…` would leave /dev: no parent-directory steps anywhere.
  .refine((path) => !path.split(/[\\/]/).includes('..'), { message: 'Not a device path' });

/**
 * A CUPS queue name: letters, digits, `_`, `-`, `.`, not starting with `-` (so it can never be
 * read as an option of `lp`). CUPS itself forbids spaces, `/` and `#`.
 */
const osQueue = z
  .string()
  .trim()
  .max(127)
  .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/);

export const printerUsage = z.object({
  /** Shipping / package labels. */
  labels: z.boolean().default(false),
  /** Receipts and packing slips. */
  receipts: z.boolean().default(false),
  pickLists: z.boolean().default(false),
});

export const savePrinterInput = z
  .object({
    /** Omit to add a printer; give to change one. */
    printerId: id.optional(),
    name: z.string().trim().min(1).max(80),
    transport: z.enum(PRINTER_TRANSPORTS),
    host: z
      .string()
      .trim()
      .max(253)
      .regex(/^[A-Za-z0-9.:_-]+$/)
      .optional(),
    port: z.number().int().min(1).max(65535).default(9100),
    devicePath: devicePath.optional(),
    /** The OS printer queue, for transport `os`. */
    osQueue: osQueue.optional(),
    language: z.enum(PRINTER_LANGUAGES),
    paper: z.enum(PAPER_SIZES),
    dpi: z.union([z.literal(203), z.literal(300)]).default(203),
    codePage: z.enum(CODE_PAGES).default('pc437'),
    usage: printerUsage.default({ labels: false, receipts: false, pickLists: false }),
    /**
     * Whether the printer answers status queries (ESC/POS `DLE EOT`, ZPL `~HS`) on its
     * transport. When it does not, "printed" can only mean every byte was accepted.
     */
    reportsStatus: z.boolean().default(true),
    /** On the shipping-label printer: which label completing a posting prints. */
    labelSource: z.enum(LABEL_SOURCES).default('own'),
    /** On a receipt printer: completing a posting also prints its packing slip here. */
    packingSlipOnComplete: z.boolean().default(false),
  })
  .superRefine((value, issues) => {
    if (value.transport === 'os' && !value.osQueue)
      issues.addIssue({
        code: 'custom',
        path: ['osQueue'],
        message: 'An OS printer needs a printer queue name',
      });
    if (value.language === 'pdf' && value.transport !== 'os')
      issues.addIssue({
        code: 'custom',
        path: ['language'],
        message: 'PDF goes to OS printers only',
      });
    if (value.transport === 'tcp' && !value.host)
      issues.addIssue({
        code: 'custom',
        path: ['host'],
        message: 'A network printer needs a host',
      });
    if (value.transport === 'device' && !value.devicePath)
      issues.addIssue({
        code: 'custom',
        path: ['devicePath'],
        message: 'A device printer needs a device path',
      });
  });

export const printerIdInput = z.object({ printerId: id });

export const printer = z.object({
  id,
  name: z.string(),
  transport: z.enum(PRINTER_TRANSPORTS),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  devicePath: z.string().nullable(),
  osQueue: z.string().nullable(),
  language: z.enum(PRINTER_LANGUAGES),
  paper: z.enum(PAPER_SIZES),
  dpi: z.number().int(),
  codePage: z.enum(CODE_PAGES),
  usage: z.object({ labels: z.boolean(), receipts: z.boolean(), pickLists: z.boolean() }),
  reportsStatus: z.boolean(),
  labelSource: z.enum(LABEL_SOURCES),
  packingSlipOnComplete: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Printer = z.infer<typeof printer>;

export const printerStatus = z.object({
  printerId: id,
  state: z.enum(PRINTER_STATES),
  /** Why, in plain English, when not simply ready (or a warning such as "paper near end"). */
  reason: z.string().nullable(),
  /** `reason` as a code; null exactly when `reason` is. */
  reasonCode: z.enum(PRINT_REASON_CODES).nullable(),
  checkedAt: z.number().int(),
});

export const printJob = z.object({
  id,
  printerId: id,
  printerName: z.string(),
  kind: z.enum(PRINT_DOCUMENT_KINDS),
  /** What was printed: the posting number for a label, the printer name for a test page. */
  documentKey: z.string(),
  state: z.enum(PRINT_JOB_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** `lastError` as a code; null exactly when `lastError` is. */
  lastErrorCode: z.enum(PRINT_REASON_CODES).nullable(),
  /** The bytes may have reached the printer: send again only as a reprint, with a reason. */
  mayHavePrinted: z.boolean(),
  createdBy: z.string().nullable(),
  reprintOf: id.nullable(),
  reprintReason: z.string().nullable(),
  createdAt: z.number().int(),
  printedAt: z.number().int().nullable(),
  sizeBytes: z.number().int(),
});
export type PrintJob = z.infer<typeof printJob>;

export const printPostingLabelInput = z.object({
  postingNumber: z.string().trim().min(1).max(64),
  /** Omit to use the printer marked for shipping labels. */
  printerId: id.optional(),
});

export const listPrintJobsInput = z.object({
  printerId: id.optional(),
  documentKey: z.string().trim().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const reprintInput = z.object({
  jobId: id,
  reason: z.string().trim().min(3).max(200),
});

export const printJobIdInput = z.object({ jobId: id });

export const printPickListInput = z.object({
  pickListId: id,
  /** Omit to use the printer marked for pick lists. */
  printerId: id.optional(),
});

export const printManifestInput = z.object({
  batchId: id,
  /** Omit to use the printer marked for receipts. */
  printerId: id.optional(),
});

/** A document to preview: what it is, which one (posting number, pick list or batch id), for which printer. */
export const previewInput = z.object({
  kind: z.enum(PRINT_DOCUMENT_KINDS),
  documentKey: z.string().trim().min(1).max(64),
  printerId: id,
});

export const preview = z.object({
  /** `data:image/png;base64,…` */
  dataUrl: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});
