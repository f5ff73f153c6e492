import type { Transaction } from 'kysely';
import { classifyScan } from '../../../shared/domain/scan';
import type { DispatchVerdict } from '../../../shared/schemas/packing.schema';
import type { Database, DispatchBatchRow } from '../db/schema';
import type { CounterPosting, CounterRepo } from '../counter/counter.repo';

export interface DispatchJudgement {
  verdict: DispatchVerdict;
  postingNumber: string | null;
  /** For the message, as codes and data (see `dispatchScanResult.detail`). */
  detail: string | null;
}

/** The posting a scanned package names, or why none is. */
function postingOf(
  repo: CounterRepo,
  code: string,
): { posting: CounterPosting; packageIndex: number | null } | { posting: null; reason: string } {
  const cls = classifyScan(code);
  let candidates: CounterPosting[] = [];
  let packageIndex: number | null = null;
  if (cls.kind === 'package_label') {
    candidates = repo.postingsByNumber(cls.postingNumber);
    packageIndex = cls.packageIndex;
  } else if (cls.kind === 'posting' && cls.postingNumber !== null) {
    candidates = repo.postingsByNumber(cls.postingNumber);
  } else if (cls.kind === 'posting') {
    candidates = repo.postingsByOrder(cls.orderNumber);
    if (candidates.length > 1) return { posting: null, reason: 'several_postings' };
  } else if (cls.kind === 'marketplace_label') {
    candidates = repo.postingsByLabelBarcode(cls.code);
  } else {
    return { posting: null, reason: cls.kind === 'unknown' ? cls.reason : 'not_a_package' };
  }
  const first = candidates[0];
  return first ? { posting: first, packageIndex } : { posting: null, reason: 'posting_not_found' };
}

/** How many packages a posting went out in: as packed here, else one. */
async function packageCount(trx: Transaction<Database>, postingId: number): Promise<number> {
  const row = await trx
    .selectFrom('pack_scans as s')
    .innerJoin('pack_sessions as ps', 'ps.id', 's.pack_session_id')
    .select((eb) => eb.fn.count<number>('s.package_index').distinct().as('n'))
    .where('ps.posting_id', '=', postingId)
    .where('ps.state', '=', 'completed')
    .where('s.verdict', '=', 'item_ok')
    .where('s.is_undone', '=', 0)
    .executeTakeFirst();
  return Math.max(1, Number(row?.n ?? 0));
}

/**
 * Judges a scanned package for a handover batch and adds it when it belongs there. Each package
 * of a posting is recorded on its own; a posting number or marketplace label counts as its next
 * package not yet handed over. Runs inside the method's transaction; never throws on any code.
 */
export async function judgeDispatchScan(
  trx: Transaction<Database>,
  repo: CounterRepo,
  batch: DispatchBatchRow,
  scan: { code: string; userId: number; now: number },
): Promise<DispatchJudgement> {
  const found = postingOf(repo, scan.code);
  if (!found.posting) return { verdict: 'unknown_code', postingNumber: null, detail: found.reason };
  const { posting } = found;
  const postingNumber = posting.posting_number;
  const refuse = (verdict: DispatchVerdict, detail: string | null) => ({
    verdict,
    postingNumber,
    detail,
  });

  const alerts = repo.openAlertKinds(postingNumber);
  if (
    posting.status === 'cancelled' ||
    posting.local_state === 'cancelling' ||
    alerts.includes('cancelled_after_packing')
  ) {
    return refuse('cancelled', null);
  }
  const packedHere = repo.hasCompletedSession(posting.id);
  if (!(posting.status === 'packed' || (posting.status === 'to_pack' && packedHere))) {
    return refuse('not_packed', posting.status);
  }
  if ((posting.delivery_method ?? '') !== batch.carrier) {
    return refuse('other_carrier', posting.delivery_method);
  }

  const count = await packageCount(trx, posting.id);
  if (found.packageIndex !== null && found.packageIndex > count) {
    return refuse('unknown_code', 'no_such_package');
  }
  const handedOver = await trx
    .selectFrom('dispatch_packages')
    .select(['package_index', 'batch_id'])
    .where('posting_id', '=', posting.id)
    .execute();
  const indexes =
    found.packageIndex !== null
      ? [found.packageIndex]
      : Array.from({ length: count }, (_, i) => i + 1);
  const next = indexes.find((index) => !handedOver.some((d) => d.package_index === index));
  if (next === undefined) {
    const elsewhere = handedOver.find(
      (d) => indexes.includes(d.package_index) && d.batch_id !== batch.id,
    );
    return elsewhere
      ? refuse('in_other_batch', String(elsewhere.batch_id))
      : refuse('already_in_batch', null);
  }
  await trx
    .insertInto('dispatch_packages')
    .values({
      batch_id: batch.id,
      posting_id: posting.id,
      package_index: next,
      scanned_at: scan.now,
      scanned_by: scan.userId,
    })
    .execute();
  return { verdict: 'added', postingNumber, detail: count > 1 ? `${next}/${count}` : null };
}
