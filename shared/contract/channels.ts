import type { MethodName } from './methods';

/**
 * The method names as plain data, for the preload and the main-process router: they must not
 * pull zod into the sandboxed preload bundle. The type check below keeps this list equal to the
 * contract's keys.
 */
export const METHOD_NAMES = [
  'setup.status',
  'setup.createShop',
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.operators',
  'auth.switchOperator',
  'auth.changePassword',
  'auth.setPin',
  'preferences.update',
  'shop.update',
  'users.list',
  'users.create',
  'users.update',
  'users.resetPassword',
  'users.setPin',
  'accounts.list',
  'accounts.warehouses',
  'accounts.connectDemo',
  'accounts.connectOzon',
  'accounts.syncNow',
  'postings.search',
  'postings.get',
  'postings.ship',
  'postings.cancel',
  'products.setStock',
  'outbox.list',
  'outbox.retry',
  'outbox.discard',
  'alerts.list',
  'alerts.resolve',
  'audit.list',
  'printers.list',
  'printers.save',
  'printers.remove',
  'printers.status',
  'printers.testPage',
  'printing.printPostingLabel',
  'printing.jobs',
  'printing.reprint',
  'printing.retry',
  'packing.current',
  'packing.scan',
  'packing.command',
  'picking.create',
  'picking.list',
  'picking.get',
  'dispatch.carriers',
  'dispatch.open',
  'dispatch.list',
  'dispatch.scan',
  'dispatch.close',
  'stats.counter',
  'scanners.ports',
  'scanners.serial',
  'scanners.saveSerial',
  'scanners.take',
  'printing.printPickList',
  'printing.printManifest',
  'printing.preview',
] as const;

type Listed = (typeof METHOD_NAMES)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listMatchesContract: Same<Listed, MethodName> = true;
void listMatchesContract;

/** IPC channel names between preload and main. Only these two exist. */
export const IPC_CALL_CHANNEL = 'packdesk:call';
export const IPC_EVENT_CHANNEL = 'packdesk:event';
