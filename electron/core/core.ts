import { join } from 'node:path';
import type { CoreServices } from './handler/context';
import { createEventBus } from './lib/event-bus';
import { createHandlers } from './handlers';
import { createRegistry, type Registry } from './api/registry';
import { createAuthLimiters } from './lib/rate-limiter';
import { openDatabase } from './db/connection';
import { createScannerService } from './devices/scanner/scanner-service';
import type { Logger } from './logging/logger';
import { createMarketplaceHub } from './marketplace/hub';
import { createLabelPrefetch, type LabelPrefetch } from './documents/label-prefetch';
import { createPrintOnComplete } from './documents/on-complete';
import { warmUpRendering } from './documents/warm-up';
import { createPrintWorker, type PrintWorker } from './devices/printer/worker';
import { makePrivateDir } from './lib/private-files';
import { startSandbox, type Sandbox } from './sandbox/index';
import { SecretBox } from './secrets/secret-box';
import { createSyncEngine, type SyncEngine } from './sync/engine';

export interface CoreOptions {
  /** Folder holding the shop's database and its backups. */
  dataDir: string;
  /** 32 bytes that seal marketplace API keys (see secrets/). */
  secretKey: Buffer;
  log: Logger;
  now?: () => number;
  random?: () => number;
  /** Run the sync schedule (off in tests that drive `sync` by hand). */
  autoSync?: boolean;
  /** Per marketplace request (default 30 s). */
  marketplaceTimeoutMs?: number;
  /** Serial scanner reconnect backoff (tests shorten it). */
  scannerReconnect?: { baseMs?: number; capMs?: number; minMs?: number };
}

export interface Core {
  registry: Registry;
  /** The sandbox behind the Demo store (started on first use), with its controls for benchmarks. */
  demoStore(): Promise<Sandbox>;
  sync: SyncEngine;
  /** The print queue's sender; runs from creation until `close`. */
  printing: PrintWorker;
  /** Fetches and caches marketplace label PDFs as soon as postings are ready for them. */
  labels: LabelPrefetch;
  services: CoreServices;
  databasePath: string;
  close(): Promise<void>;
}

/** Fixed seed: every Demo store starts as the same shop, so guides and screenshots match. */
const DEMO_SEED = 20261123;

/** The headless engine: one database, one registry, one sync engine. Both transports use it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, log, now = Date.now, random = Math.random } = options;
  makePrivateDir(dataDir);
  const databasePath = join(dataDir, 'shop.sqlite');
  const opened = openDatabase(databasePath);
  if (opened.migration.from !== opened.migration.to) {
    log.info({ ...opened.migration }, 'database migrated');
  }
  const events = createEventBus(now);
  const secrets = new SecretBox(options.secretKey);
  let demo: Promise<Sandbox> | null = null;
  const startDemo = () =>
    (demo ??= startSandbox({
      port: 0,
      seed: DEMO_SEED,
      clock: 'real',
      // A sandbox reply off Ozon's schema is logged, not turned into an error for the seller.
      replySchemaLog: log,
    }));
  const marketplaces = createMarketplaceHub({
    secrets,
    log,
    timeoutMs: options.marketplaceTimeoutMs,
    startDemo,
  });
  const sync = createSyncEngine({
    db: opened.db,
    sqlite: opened.sqlite,
    now,
    random,
    log: log.child({ scope: 'sync' }),
    connectorFor: (account) => marketplaces.connectorFor(account),
    publish: (domain) => events.publish(domain),
  });
  const scanners = createScannerService({
    db: opened.db,
    events,
    log,
    now,
    ...(options.scannerReconnect ? { reconnect: options.scannerReconnect } : {}),
  });
  const services: CoreServices = {
    db: opened.db,
    sqlite: opened.sqlite,
    now,
    log,
    events,
    secrets,
    marketplaces,
    sync,
    scanners,
    limiters: createAuthLimiters(now),
  };
  await marketplaces.reattachDemo(opened.db);
  if (options.autoSync) await sync.start();
  else await sync.recoverInFlight();
  // The worker only tells the screens; it is woken explicitly by whatever queues a job or
  // changes a printer (the registry after such a call, a completion, a label arriving).
  const printing = createPrintWorker({
    db: opened.db,
    now,
    random,
    log: log.child({ scope: 'devices.printer' }),
    publish: () => events.publish('printing'),
  });
  await printing.start();
  const labels = createLabelPrefetch({
    db: opened.db,
    now,
    random,
    log: log.child({ scope: 'devices.printer' }),
    events,
    wakePrinter: () => printing.wake(),
    connectorFor: (account) => marketplaces.connectorFor(account),
  });
  // Label fetching talks to the marketplace, so it runs with the sync schedule.
  if (options.autoSync) labels.start();
  warmUpRendering(log);
  await scanners.start();
  const wakePrinter = () => printing.wake();
  const registry = createRegistry(
    services,
    createHandlers({ printOnComplete: createPrintOnComplete({ wakePrinter }) }),
    { onAnnounce: (domain) => (domain === 'printing' || domain === 'printers') && wakePrinter() },
  );
  return {
    registry,
    // Through the hub, so the hub holds (and closes) the one sandbox it starts.
    demoStore: async () => {
      await marketplaces.demoStore();
      return startDemo();
    },
    sync,
    printing,
    labels,
    services,
    databasePath,
    close: async () => {
      await scanners.stop();
      await printing.stop();
      await labels.stop();
      await sync.stop();
      await marketplaces.close();
      await opened.close();
    },
  };
}
