import { z } from 'zod';
import { BACK_OFFICE_ROLES, COUNTER_ROLES, type Role } from '../domain/roles';
import { auditPage, listAuditInput } from '../schemas/audit.schema';
import {
  changePasswordInput,
  createShopInput,
  loginInput,
  me,
  operator,
  preferences,
  session,
  setOwnPinInput,
  setupStatus,
  shop,
  switchOperatorInput,
  updatePreferencesInput,
  updateShopInput,
} from '../schemas/auth.schema';
import { empty } from '../schemas/common.schema';
import {
  counterStats,
  counterStatsInput,
  createPickListInput,
  dispatchBatch,
  dispatchBatchIdInput,
  dispatchCarrier,
  dispatchScanInput,
  dispatchScanResult,
  openDispatchInput,
  packingCommandInput,
  packingScanInput,
  packingState,
  pickList,
  pickListIdInput,
  pickListSummary,
  scanResult,
  serialScan,
  serialScannerSettings,
  serialScannerStatus,
  takeScansInput,
} from '../schemas/packing.schema';
import {
  listPrintJobsInput,
  printer,
  printerIdInput,
  printerStatus,
  printJob,
  printJobIdInput,
  printPickListInput,
  printManifestInput,
  printPostingLabelInput,
  previewInput,
  preview,
  reprintInput,
  savePrinterInput,
} from '../schemas/printing.schema';
import {
  account,
  accountIdInput,
  actionIdInput,
  alert,
  alertIdInput,
  cancelPostingInput,
  connectOzonInput,
  outboxAction,
  postingDetail,
  postingNumberInput,
  postingsPage,
  searchPostingsInput,
  setStockInput,
  shipPostingInput,
  warehouse,
} from '../schemas/sync.schema';
import {
  createUserInput,
  resetPasswordInput,
  setUserPinInput,
  updateUserInput,
  user,
} from '../schemas/users.schema';

/**
 * Who may call a method: `public` needs no session (first run, login), `session` any signed-in
 * user, otherwise the listed roles. The core enforces this on every call, whatever the transport.
 */
export type Access = 'public' | 'session' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Mutating calls are written to the audit log and announce `<domain>.changed`. */
  mutating: boolean;
  access: Access;
  /** One line for the OpenAPI document. */
  summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) {
  return spec;
}

const ADMIN = ['administrator'] as const satisfies readonly Role[];
const ok = z.object({});

/** Every API method, `<domain>.<verb>`. Add a method here, then its handler in core. */
export const methods = {
  'setup.status': method({
    input: empty,
    output: setupStatus,
    mutating: false,
    access: 'public',
    summary: 'Whether the shop has been set up, and its name',
  }),
  'setup.createShop': method({
    input: createShopInput,
    output: session,
    mutating: true,
    access: 'public',
    summary: 'First run: name the shop, create the Administrator and sign in',
  }),
  'auth.login': method({
    input: loginInput,
    output: session,
    mutating: true,
    access: 'public',
    summary: 'Sign in with user name and password (rate-limited)',
  }),
  'auth.logout': method({
    input: empty,
    output: ok,
    mutating: true,
    access: 'session',
    summary: 'End the calling session',
  }),
  'auth.me': method({
    input: empty,
    output: me,
    mutating: false,
    access: 'session',
    summary: 'The signed-in user, their preferences and the shop',
  }),
  'auth.operators': method({
    input: empty,
    output: z.array(operator),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Managers and Staff who can take over this station with a PIN',
  }),
  'auth.switchOperator': method({
    input: switchOperatorInput,
    output: session,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Hand the station to another user by their PIN; ends the calling session',
  }),
  'auth.changePassword': method({
    input: changePasswordInput,
    output: ok,
    mutating: true,
    access: 'session',
    summary: 'Change your own password; ends your other sessions',
  }),
  'auth.setPin': method({
    input: setOwnPinInput,
    output: ok,
    mutating: true,
    access: 'session',
    summary: 'Set or clear your own operator PIN',
  }),
  'preferences.update': method({
    input: updatePreferencesInput,
    output: preferences,
    mutating: true,
    access: 'session',
    summary: 'Change your language or theme',
  }),
  'shop.update': method({
    input: updateShopInput,
    output: shop,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: "Change the shop's profile",
  }),
  'users.list': method({
    input: empty,
    output: z.array(user),
    mutating: false,
    access: ADMIN,
    summary: 'All users of the shop',
  }),
  'users.create': method({
    input: createUserInput,
    output: user,
    mutating: true,
    access: ADMIN,
    summary: 'Add a user',
  }),
  'users.update': method({
    input: updateUserInput,
    output: user,
    mutating: true,
    access: ADMIN,
    summary: "Change a user's name or role, or disable them (disabling ends their sessions)",
  }),
  'users.resetPassword': method({
    input: resetPasswordInput,
    output: ok,
    mutating: true,
    access: ADMIN,
    summary: "Set a user's password (ends their sessions)",
  }),
  'users.setPin': method({
    input: setUserPinInput,
    output: ok,
    mutating: true,
    access: ADMIN,
    summary: "Set or clear a user's operator PIN",
  }),
  'accounts.list': method({
    input: empty,
    output: z.array(account),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Marketplace accounts with their sync health',
  }),
  'accounts.warehouses': method({
    input: empty,
    output: z.array(warehouse),
    mutating: false,
    access: COUNTER_ROLES,
    summary: "Warehouses synced from every account's marketplace, by account and name",
  }),
  'accounts.connectDemo': method({
    input: empty,
    output: account,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Connect the Demo store: a sandbox marketplace started inside Packdesk',
  }),
  'accounts.connectOzon': method({
    input: connectOzonInput,
    output: account,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Connect an Ozon store by Client-Id and API key (checked before saving)',
  }),
  'accounts.syncNow': method({
    input: accountIdInput,
    output: account,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Push queued actions and pull from the marketplace now',
  }),
  'postings.search': method({
    input: searchPostingsInput,
    output: postingsPage,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Postings from the local database by number, status and date, newest first',
  }),
  'postings.get': method({
    input: postingNumberInput,
    output: postingDetail,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'One posting with its items, open alerts and queued actions',
  }),
  'postings.ship': method({
    input: shipPostingInput,
    output: postingDetail,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Mark a posting packed and queue the ship action for the marketplace',
  }),
  'postings.cancel': method({
    input: cancelPostingInput,
    output: postingDetail,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Queue the cancellation of a posting with a reason',
  }),
  'products.setStock': method({
    input: setStockInput,
    output: z.object({}),
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Queue a stock level for one product at one warehouse',
  }),
  'outbox.list': method({
    input: empty,
    output: z.array(outboxAction),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Actions not yet confirmed by the marketplace, oldest first',
  }),
  'outbox.retry': method({
    input: actionIdInput,
    output: outboxAction,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Send a rejected action again',
  }),
  'outbox.discard': method({
    input: actionIdInput,
    output: outboxAction,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Give up a rejected action; the local change it carried is undone',
  }),
  'alerts.list': method({
    input: empty,
    output: z.array(alert),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Open alerts: remote changes that contradict local work',
  }),
  'alerts.resolve': method({
    input: alertIdInput,
    output: z.object({}),
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Mark an alert as dealt with',
  }),
  'audit.list': method({
    input: listAuditInput,
    output: auditPage,
    mutating: false,
    access: BACK_OFFICE_ROLES,
    summary: 'Browse the audit log, newest first',
  }),
  'printers.list': method({
    input: empty,
    output: z.array(printer),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Printers set up at this station, by name',
  }),
  'printers.save': method({
    input: savePrinterInput,
    output: printer,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Add a printer, or change one (transport, language, paper, code page, usage)',
  }),
  'printers.remove': method({
    input: printerIdInput,
    output: ok,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Remove a printer; its queued jobs fail, its printed history stays',
  }),
  'printers.status': method({
    input: printerIdInput,
    output: printerStatus,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Ask the printer itself: ready, paper out, cover open, offline or unknown',
  }),
  'printers.testPage': method({
    input: printerIdInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Queue a test page on a printer',
  }),
  'printing.printPostingLabel': method({
    input: printPostingLabelInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary:
      'Queue our package label for a posting (the shipping-label printer unless one is given); a label already queued is returned, one already printed needs a reprint',
  }),
  'printing.jobs': method({
    input: listPrintJobsInput,
    output: z.array(printJob),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Recent print jobs, newest first',
  }),
  'printing.reprint': method({
    input: reprintInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Print a finished job again as a new job, with the reason recorded',
  }),
  'printing.retry': method({
    input: printJobIdInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Queue a failed job again when none of it can have printed',
  }),
  'packing.current': method({
    input: empty,
    output: packingState,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'The posting open at this station, its items and packages, and what waits to sync',
  }),
  'packing.scan': method({
    input: packingScanInput,
    output: scanResult,
    mutating: true,
    access: COUNTER_ROLES,
    summary:
      'One scan at the packing counter: a posting, a package label, an item or a command; answers the verdict',
  }),
  'packing.command': method({
    input: packingCommandInput,
    output: scanResult,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Complete, new package, skip or undo from the screen, as the command barcodes do',
  }),
  'picking.create': method({
    input: createPickListInput,
    output: pickList,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Gather postings waiting to be packed into a pick list summed by product and location',
  }),
  'picking.list': method({
    input: empty,
    output: z.array(pickListSummary),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Recent pick lists, newest first',
  }),
  'picking.get': method({
    input: pickListIdInput,
    output: pickList,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'One pick list with its lines in walking order',
  }),
  'dispatch.carriers': method({
    input: empty,
    output: z.array(dispatchCarrier),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Carriers with packed postings not yet handed over',
  }),
  'dispatch.open': method({
    input: openDispatchInput,
    output: dispatchBatch,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Open a handover batch for one carrier (the open one is returned if there is one)',
  }),
  'dispatch.list': method({
    input: empty,
    output: z.array(dispatchBatch),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Open batches and the recently closed ones, newest first',
  }),
  'dispatch.scan': method({
    input: dispatchScanInput,
    output: dispatchScanResult,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Add a scanned package to a batch, or refuse it with the reason',
  }),
  'dispatch.close': method({
    input: dispatchBatchIdInput,
    output: dispatchBatch,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Close a batch; its manifest is printed with printing.printManifest',
  }),
  'stats.counter': method({
    input: counterStatsInput,
    output: counterStats,
    mutating: false,
    access: BACK_OFFICE_ROLES,
    summary: 'Orders and units packed per packer per hour, wrong scans caught, time per order',
  }),
  'scanners.ports': method({
    input: empty,
    output: z.array(z.object({ path: z.string(), label: z.string().nullable() })),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Serial ports of this station',
  }),
  'scanners.serial': method({
    input: empty,
    output: serialScannerStatus,
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'The serial scanner setting and whether its port is open',
  }),
  'scanners.saveSerial': method({
    input: serialScannerSettings,
    output: serialScannerStatus,
    mutating: true,
    access: BACK_OFFICE_ROLES,
    summary: 'Set the serial scanner port and baud rate, and open it',
  }),
  'scanners.take': method({
    input: takeScansInput,
    output: z.array(serialScan),
    mutating: false,
    access: COUNTER_ROLES,
    summary: 'Serial scans after an id, oldest first (announced by scans.changed)',
  }),
  'printing.printPickList': method({
    input: printPickListInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Queue a pick list on the pick-list printer',
  }),
  'printing.printManifest': method({
    input: printManifestInput,
    output: printJob,
    mutating: true,
    access: COUNTER_ROLES,
    summary: 'Queue the manifest of a dispatch batch on the receipt printer',
  }),
  'printing.preview': method({
    input: previewInput,
    output: preview,
    mutating: false,
    access: COUNTER_ROLES,
    summary: "A document as a PNG image at the printer's paper size and resolution",
  }),
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after parsing (defaults applied, strings trimmed). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
