import { SerialPort } from 'serialport';
import { MAX_SCAN_LENGTH, type ScanEvent } from '../../../../shared/domain/scan';
import type { SerialScannerSettings } from '../../../../shared/schemas/packing.schema';
import type { EventBus } from '../../lib/event-bus';
import type { Db } from '../../db/connection';
import type { Logger } from '../../logging/logger';
import { readSerialSettings } from './scanner-settings';
import {
  createSerialScanner,
  type SerialScanner,
  type SerialScannerOptions,
  type SerialScannerStatus,
} from './serial-scanner';

/** Scans kept for `scanners.take`; a screen that was away longer than this has missed them. */
const RING_SIZE = 1000;
/** How long saving a setting waits for the first open attempt to say open or failed. */
const FIRST_OPEN_WAIT_MS = 2000;

export interface SerialScan {
  id: number;
  code: string;
  source: 'serial';
  at: number;
}

export interface ScannerServiceOptions {
  db: Db;
  events: EventBus;
  log: Logger;
  now: () => number;
  /** Tests shorten the reconnect backoff. */
  reconnect?: SerialScannerOptions['reconnect'];
}

/**
 * The station's serial scanner: opens the port from the saved setting, keeps it open (reconnecting
 * if it vanishes, never crashing the core), and keeps the latest scans with increasing ids.
 * Each new scan is announced as `scans.changed`; screens take what is newer than they have.
 */
export function createScannerService(options: ScannerServiceOptions) {
  const { events, log, now } = options;
  let settings: SerialScannerSettings = { enabled: false, path: null, baudRate: 9600 };
  let scanner: SerialScanner | null = null;
  let lastStatus: SerialScannerStatus | null = null;
  let lastError: string | null = null;
  let statusWaiters: (() => void)[] = [];
  const ring: SerialScan[] = [];
  // Ids start from the clock, not from 1: a screen that stayed open while the core restarted
  // still holds the old last id, and must not skip the new scans as already taken.
  let nextId = Math.max(1, now());
  let applying: Promise<void> = Promise.resolve();

  const onScan = (scan: ScanEvent) => {
    ring.push({
      id: nextId++,
      code: scan.code.slice(0, MAX_SCAN_LENGTH * 4),
      source: 'serial',
      at: scan.at,
    });
    if (ring.length > RING_SIZE) ring.splice(0, ring.length - RING_SIZE);
    events.publish('scans');
  };

  const onStatus = (status: SerialScannerStatus) => {
    lastStatus = status;
    if (status.state === 'error') lastError = status.reason;
    if (status.state === 'open') lastError = null;
    if (status.state === 'open' || status.state === 'error') {
      const waiters = statusWaiters;
      statusWaiters = [];
      waiters.forEach((wake) => wake());
    }
    events.publish('scanners');
  };

  async function stopScanner() {
    const current = scanner;
    scanner = null;
    lastStatus = null;
    lastError = null;
    if (current) await current.stop();
  }

  /** Closes the old port, opens the new one, and waits briefly for its first attempt. */
  async function switchTo(next: SerialScannerSettings): Promise<void> {
    settings = next;
    await stopScanner();
    if (!next.enabled || next.path === null) return;
    let timeout: NodeJS.Timeout | undefined;
    let waiter: (() => void) | undefined;
    const firstAttempt = new Promise<void>((resolve) => {
      waiter = resolve;
      statusWaiters.push(resolve);
      timeout = setTimeout(resolve, FIRST_OPEN_WAIT_MS);
    });
    scanner = createSerialScanner(
      {
        path: next.path,
        baudRate: next.baudRate,
        now,
        log: log.child({ scope: 'devices.scanner' }),
        reconnect: options.reconnect,
      },
      { onScan, onStatus },
    );
    scanner.start();
    await firstAttempt;
    clearTimeout(timeout);
    statusWaiters = statusWaiters.filter((wake) => wake !== waiter);
  }

  return {
    /** Opens the port of the saved setting, if one is enabled. */
    async start(): Promise<void> {
      await this.apply(await readSerialSettings(options.db));
    },

    /**
     * Switches to a new setting: closes the old port, opens the new one, and waits briefly for
     * the first attempt so the answer can say whether it opened.
     */
    apply(next: SerialScannerSettings): Promise<void> {
      // One switch at a time: two quick saves must not leave the first port open behind the
      // second (each waits for the one before it).
      const run = applying.then(() => switchTo(next));
      applying = run.catch(() => undefined);
      return run;
    },

    status() {
      const state: 'off' | 'open' | 'error' =
        scanner === null
          ? 'off'
          : lastStatus?.state === 'open'
            ? 'open'
            : lastError !== null
              ? 'error'
              : 'off';
      return { ...settings, state, error: state === 'error' ? lastError : null };
    },

    /** Scans after `afterId`, oldest first. */
    take(afterId: number): SerialScan[] {
      return ring.filter((scan) => scan.id > afterId);
    },

    /** Serial ports of this machine; an empty list when the system cannot be asked. */
    async ports(): Promise<{ path: string; label: string | null }[]> {
      try {
        const ports = await SerialPort.list();
        return ports.map((port) => ({
          path: port.path,
          label: [port.manufacturer, port.serialNumber].filter((part) => part).join(' ') || null,
        }));
      } catch (error) {
        log.warn({ err: error }, 'could not list serial ports');
        return [];
      }
    },

    stop: stopScanner,
  };
}

export type ScannerService = ReturnType<typeof createScannerService>;
