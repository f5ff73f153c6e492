import { sql, type Kysely, type Transaction } from 'kysely';
import type { DispatchBatch } from '../../../shared/schemas/packing.schema';
import type { Database, DispatchBatchRow } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

function toBatch(
  row: DispatchBatchRow & { created_by_name: string | null },
  packages: { posting_number: string; package_index: number; scanned_at: number }[],
): DispatchBatch {
  return {
    id: row.id,
    carrier: row.carrier,
    state: row.state,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    closedAt: row.closed_at,
    packages: packages.map((pkg) => ({
      postingNumber: pkg.posting_number,
      packageIndex: pkg.package_index,
      scannedAt: pkg.scanned_at,
    })),
  };
}

function batchQuery(db: Executor) {
  return db
    .selectFrom('dispatch_batches as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .selectAll('b')
    .select('u.display_name as created_by_name');
}

function batchPackages(db: Executor, batchIds: number[]) {
  if (batchIds.length === 0) return Promise.resolve([]);
  return (
    db
      .selectFrom('dispatch_packages as d')
      .innerJoin('postings as p', 'p.id', 'd.posting_id')
      .select(['d.batch_id', 'p.posting_number', 'd.package_index', 'd.scanned_at'])
      .where('d.batch_id', 'in', batchIds)
      // In the order they were scanned, even within one millisecond.
      .orderBy(sql`d.rowid`)
      .execute()
  );
}

/** One batch with its packages in the order they were scanned; the manifest prints this. */
export async function getBatch(db: Executor, id: number): Promise<DispatchBatch | null> {
  const row = await batchQuery(db).where('b.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toBatch(row, await batchPackages(db, [row.id]));
}

export async function openBatchFor(db: Executor, carrier: string) {
  return batchQuery(db)
    .where('b.carrier', '=', carrier)
    .where('b.state', '=', 'open')
    .executeTakeFirst();
}

/** Open batches and the latest closed ones, newest first. */
export async function listBatches(db: Executor, closedLimit = 50): Promise<DispatchBatch[]> {
  const open = await batchQuery(db)
    .where('b.state', '=', 'open')
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
  const closed = await batchQuery(db)
    .where('b.state', '=', 'closed')
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(closedLimit)
    .execute();
  const rows = [...open, ...closed];
  const packages = await batchPackages(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    toBatch(
      row,
      packages.filter((pkg) => pkg.batch_id === row.id),
    ),
  );
}

/**
 * Packed postings not handed over yet, per carrier: packed here (a completed pack session, its
 * ship perhaps still queued) or shipped on the marketplace, and with no package in a batch.
 */
export async function carriersWithPacked(db: Executor) {
  const rows = await sql<{ carrier: string; packed: number }>`
    SELECT coalesce(p.delivery_method, '') AS carrier, count(*) AS packed
    FROM postings p
    WHERE p.id IN (
      SELECT id FROM postings WHERE status = 'packed'
      UNION SELECT posting_id FROM pack_sessions WHERE state = 'completed'
    )
      AND p.status NOT IN ('cancelled', 'in_delivery', 'delivered')
      AND p.local_state <> 'cancelling'
      AND NOT EXISTS (SELECT 1 FROM dispatch_packages d WHERE d.posting_id = p.id)
    GROUP BY carrier
    ORDER BY carrier`.execute(db);
  return rows.rows
    .filter((row) => row.carrier !== '')
    .map((row) => ({ carrier: row.carrier, packed: Number(row.packed) }));
}
