import type { ShipmentPackage } from '../../../shared/domain/postings';
import type { PackingSession } from '../../../shared/schemas/packing.schema';
import type { PackSessionRow } from '../db/schema';
import type { CounterItem, CounterPosting, CounterRepo, Tick } from '../counter/counter.repo';

/** Where a pack session stands, worked out from its scan log. */
export interface Progress {
  /** Units ticked per SKU over all packages. */
  packed: Map<string, number>;
  /** Non-empty packages by index, items per SKU. */
  packages: { index: number; items: Map<string, number> }[];
  /** The package new ticks go into: 1 + packages added and not undone. */
  currentPackage: number;
  /** The last tick or added package still in force: what undo takes back. */
  last: Tick | null;
}

export function progressOf(ticks: Tick[]): Progress {
  const packed = new Map<string, number>();
  const byIndex = new Map<number, Map<string, number>>();
  let currentPackage = 1;
  for (const tick of ticks) {
    if (tick.verdict === 'package_added') {
      currentPackage += 1;
      continue;
    }
    const sku = tick.sku ?? '';
    const index = tick.package_index ?? 1;
    packed.set(sku, (packed.get(sku) ?? 0) + 1);
    const items = byIndex.get(index) ?? new Map<string, number>();
    items.set(sku, (items.get(sku) ?? 0) + 1);
    byIndex.set(index, items);
  }
  const packages = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, items]) => ({ index, items }));
  return { packed, packages, currentPackage, last: ticks.at(-1) ?? null };
}

/** Units still missing, over all lines. */
export function missingUnits(items: CounterItem[], progress: Progress): number {
  return items.reduce(
    (sum, item) => sum + Math.max(0, item.quantity - (progress.packed.get(item.sku) ?? 0)),
    0,
  );
}

/** A package's items as the contract carries them. */
function itemsOf(pkg: Progress['packages'][number]): ShipmentPackage['items'] {
  return [...pkg.items.entries()].map(([sku, quantity]) => ({ sku, quantity }));
}

/** The packages as the ship action carries them. */
export function shipmentPackages(progress: Progress): ShipmentPackage[] {
  return progress.packages.map((pkg) => ({ items: itemsOf(pkg) }));
}

/** The open posting as the packing screen shows it. */
export function packingSession(
  repo: CounterRepo,
  session: PackSessionRow,
  posting: CounterPosting,
): PackingSession {
  const items = repo.items(posting.id);
  const progress = progressOf(repo.ticks(session.id));
  return {
    sessionId: session.id,
    postingNumber: posting.posting_number,
    orderNumber: posting.order_number,
    accountId: posting.account_id,
    shipmentDate: posting.shipment_date,
    deliveryMethod: posting.delivery_method,
    lines: items.map((item) => ({
      sku: item.sku,
      offerId: item.offer_id,
      name: item.name,
      ...repo.productInfo(posting.account_id, item.sku),
      quantity: item.quantity,
      packed: progress.packed.get(item.sku) ?? 0,
    })),
    packages: progress.packages.map((pkg) => ({ index: pkg.index, items: itemsOf(pkg) })),
    currentPackage: progress.currentPackage,
    startedAt: session.started_at,
    wrongScans: repo.wrongScans(session.id),
  };
}

/** What `packing.current` answers for one station session. */
export function packingStateOf(repo: CounterRepo, stationSessionId: number) {
  const session = repo.openSession(stationSessionId);
  const posting = session ? repo.postingById(session.posting_id) : undefined;
  return {
    session: session && posting ? packingSession(repo, session, posting) : null,
    waitingToSync: repo.waitingToSync(),
  };
}
