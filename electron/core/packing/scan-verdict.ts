import type { ShipmentPackage } from '../../../shared/domain/postings';
import { classifyScan, MAX_SCAN_LENGTH, type ScanClass } from '../../../shared/domain/scan';
import type { ScanVerdict } from '../../../shared/schemas/packing.schema';
import type { PackSessionRow } from '../db/schema';
import type { CounterPosting, CounterProduct, CounterRepo } from '../counter/counter.repo';
import { missingUnits, progressOf, shipmentPackages } from './packing-state';

export interface Station {
  /** The signed-in session of the screen: the open posting belongs to it. */
  sessionId: number;
  origin: string;
  userId: number;
}

export interface CounterScan {
  /** Raw text as read, anything at all. */
  code: unknown;
  source: 'keyboard' | 'serial' | 'screen';
  /** When the scanner read it. */
  at: number;
  /** The station's clock, for session timings. */
  now: number;
  station: Station;
}

export interface Judgement {
  verdict: ScanVerdict;
  code: string;
  kind: string;
  postingNumber: string | null;
  sku: string | null;
  productName: string | null;
  reason: string | null;
  /**
   * Set when every unit is ticked and complete was asked for: the caller queues the ship with
   * these packages and closes the session in the same transaction, then records the scan.
   */
  completion: {
    packSessionId: number;
    posting: CounterPosting;
    packages: ShipmentPackage[];
    record: () => void;
  } | null;
}

type Blocked = 'posting_cancelled' | 'already_packed' | 'posting_on_hold';

/**
 * Why a posting may not be packed now, or null when it may. Asked again at every scan: the
 * sync engine may have changed the posting (cancelled by the buyer, an alert raised) since the
 * last one.
 */
export function blockOf(repo: CounterRepo, posting: CounterPosting): Blocked | null {
  const alerts = repo.openAlertKinds(posting.posting_number);
  if (posting.status === 'cancelled' || alerts.includes('cancelled_after_packing')) {
    return 'posting_cancelled';
  }
  if (
    ['packed', 'in_delivery', 'delivered'].includes(posting.status) ||
    posting.local_state === 'shipping' ||
    repo.hasCompletedSession(posting.id)
  ) {
    return 'already_packed';
  }
  if (posting.local_state === 'cancelling' || alerts.length > 0 || posting.status !== 'to_pack') {
    return 'posting_on_hold';
  }
  return null;
}

type Found = { posting: CounterPosting } | { posting: null; reason: string };

/** The posting a posting number, order number, our package label or a marketplace label names. */
function postingNamed(repo: CounterRepo, scan: ScanClass<CounterProduct>): Found {
  let candidates: CounterPosting[] = [];
  if (scan.kind === 'posting' && scan.postingNumber === null) {
    // An order number: it opens its posting when exactly one of them is waiting to be packed.
    candidates = repo.postingsByOrder(scan.orderNumber);
    const packable = candidates.filter((posting) => blockOf(repo, posting) === null);
    if (packable.length > 1) return { posting: null, reason: 'several_postings' };
    if (packable[0]) return { posting: packable[0] };
  } else if (scan.kind === 'posting' && scan.postingNumber !== null) {
    candidates = repo.postingsByNumber(scan.postingNumber);
  } else if (scan.kind === 'package_label') {
    candidates = repo.postingsByNumber(scan.postingNumber);
  } else if (scan.kind === 'marketplace_label') {
    candidates = repo.postingsByLabelBarcode(scan.code);
  }
  const first = candidates[0];
  return first ? { posting: first } : { posting: null, reason: 'not_in_database' };
}

/**
 * Judges one scan at one station and records it: the verdict, the state change it makes (open,
 * tick, new package, undo, set aside) and its line in the scan log. Synchronous, and run inside
 * the method's transaction. Never throws on any input.
 */
export function judgeScan(repo: CounterRepo, scan: CounterScan): Judgement {
  const { station, now } = scan;
  const open: PackSessionRow | undefined = repo.openSession(station.sessionId);
  const openPosting = open ? (repo.postingById(open.posting_id) ?? null) : null;
  const cls = classifyScan<CounterProduct>(scan.code, {
    findProduct: (code) => repo.findProduct(openPosting, code),
  });
  const storedCode =
    cls.code !== ''
      ? cls.code
      : typeof scan.code === 'string'
        ? scan.code.slice(0, MAX_SCAN_LENGTH)
        : '';

  const judgement: Judgement = {
    verdict: 'unknown_code',
    code: cls.code,
    kind: cls.kind,
    postingNumber: openPosting?.posting_number ?? null,
    sku: null,
    productName: null,
    reason: null,
    completion: null,
  };
  let packSessionId = open?.id ?? null;
  let packageIndex: number | null = null;

  let loggedVerdict: string | null = null;
  const record = () =>
    repo.recordScan({
      packSessionId,
      stationSessionId: station.sessionId,
      userId: station.userId,
      at: scan.at,
      code: storedCode,
      source: scan.source,
      kind: cls.kind,
      verdict: loggedVerdict ?? judgement.verdict,
      sku: judgement.sku,
      packageIndex,
    });
  const done = (verdict: ScanVerdict, extra: Partial<Judgement> = {}): Judgement => {
    Object.assign(judgement, { verdict }, extra);
    record();
    return judgement;
  };

  // A posting (or a label naming one): open it, setting aside whatever was open.
  if (cls.kind === 'posting' || cls.kind === 'package_label' || cls.kind === 'marketplace_label') {
    const found = postingNamed(repo, cls);
    if (!found.posting) {
      return done('posting_not_found', {
        postingNumber: cls.kind === 'posting' ? (cls.postingNumber ?? cls.orderNumber) : null,
        reason: found.reason,
      });
    }
    const target = found.posting;
    const blocked = blockOf(repo, target);
    if (blocked) {
      if (open && open.posting_id === target.id) {
        repo.setAside(open.id, now);
      } else {
        packSessionId = null;
      }
      return done(blocked, { postingNumber: target.posting_number });
    }
    if (open && open.posting_id === target.id) {
      return done('posting_opened', { postingNumber: target.posting_number });
    }
    if (open) repo.setAside(open.id, now);
    const earlier = repo.unfinishedSession(target.id);
    if (earlier) {
      repo.resumeSession(earlier.id, station, now);
      packSessionId = earlier.id;
    } else {
      packSessionId = repo.startSession(target, station, now);
    }
    return done('posting_opened', { postingNumber: target.posting_number });
  }

  if (cls.kind === 'command' && cls.command === 'switch_operator') {
    return done('switch_operator');
  }

  if (!open || !openPosting) {
    if (cls.kind === 'command') {
      return done(cls.command === 'undo' ? 'nothing_to_undo' : 'no_posting_open');
    }
    const product = productOf(cls);
    if (product) return done('no_posting_open', { sku: product.sku, productName: product.name });
    return done('unknown_code', { reason: unknownReason(cls) });
  }

  // Stopped at the next scan if the posting changed under the packer.
  const blocked = blockOf(repo, openPosting);
  if (blocked) {
    repo.setAside(open.id, now);
    return done(blocked);
  }

  const items = repo.items(openPosting.id);
  const progress = progressOf(repo.ticks(open.id));

  if (cls.kind === 'command') {
    switch (cls.command) {
      case 'skip':
        repo.setAside(open.id, now);
        return done('skipped');
      case 'undo': {
        const last = progress.last;
        if (!last) return done('nothing_to_undo');
        repo.markUndone(last.id);
        const item = items.find((line) => line.sku === last.sku);
        return done('undone', { sku: last.sku, productName: item?.name ?? null });
      }
      case 'new_package': {
        const current = progress.packages.find((pkg) => pkg.index === progress.currentPackage);
        if (!current || missingUnits(items, progress) === 0) {
          // Never an empty package: the next one starts once this one holds something.
          // Logged as what happened, so the log's added packages stay the real ones.
          loggedVerdict = 'package_kept';
          packageIndex = progress.currentPackage;
          return done('package_added', { reason: 'current_package_empty' });
        }
        packageIndex = progress.currentPackage + 1;
        return done('package_added');
      }
      case 'complete': {
        const missing = missingUnits(items, progress);
        if (missing > 0) return done('incomplete', { reason: `missing_units:${missing}` });
        Object.assign(judgement, { verdict: 'completed' });
        judgement.completion = {
          packSessionId: open.id,
          posting: openPosting,
          packages: shipmentPackages(progress),
          record,
        };
        return judgement;
      }
    }
  }

  const product = productOf(cls);
  if (product) {
    const line = items.find(
      (item) => item.sku === product.sku || item.offer_id === product.offerId,
    );
    if (!line) {
      return done('wrong_item', { sku: product.sku, productName: product.name });
    }
    const facts = { sku: line.sku, productName: line.name };
    if ((progress.packed.get(line.sku) ?? 0) >= line.quantity) return done('too_many', facts);
    packageIndex = progress.currentPackage;
    return done('item_ok', facts);
  }

  return done('unknown_code', { reason: unknownReason(cls) });
}

/** The product a scan named: an item barcode, SKU or offer id the catalogue knows. */
function productOf(cls: ScanClass<CounterProduct>): CounterProduct | null {
  if (cls.kind === 'sku') return cls.product;
  if (cls.kind === 'gtin') return cls.product;
  return null;
}

function unknownReason(cls: ScanClass<CounterProduct>): string {
  if (cls.kind === 'unknown') return cls.reason;
  if (cls.kind === 'invalid_check_digit') return 'invalid_check_digit';
  return 'no_match';
}
