import { sql, type Kysely, type Transaction } from 'kysely';
import type { PickList } from '../../../shared/schemas/packing.schema';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PickCriteria {
  shipmentBefore?: number | undefined;
  warehouseId?: string | undefined;
  limit: number;
}

/**
 * Postings waiting to be packed (to_pack, nothing queued locally, not packed here already),
 * oldest shipment date first; read off the partial index `postings_to_pack_idx`.
 */
export function pickablePostings(db: Executor, criteria: PickCriteria) {
  let query = db
    .selectFrom('postings as p')
    .select(['p.id', 'p.account_id', 'p.posting_number'])
    .where('p.status', '=', 'to_pack')
    .where('p.local_state', '=', 'none')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pack_sessions as s')
            .select(sql`1`.as('one'))
            .whereRef('s.posting_id', '=', 'p.id')
            .where('s.state', '=', 'completed'),
        ),
      ),
    )
    .orderBy('p.shipment_date')
    .orderBy('p.id')
    .limit(criteria.limit);
  if (criteria.shipmentBefore !== undefined) {
    query = query.where('p.shipment_date', '<=', criteria.shipmentBefore);
  }
  if (criteria.warehouseId !== undefined) {
    query = query.where('p.warehouse_id', '=', criteria.warehouseId);
  }
  return query.execute();
}

/** Items of the postings summed per product, with the product's storage location. */
export function summedLines(db: Executor, postingIds: number[]) {
  return db
    .selectFrom('posting_items as i')
    .innerJoin('postings as p', 'p.id', 'i.posting_id')
    .leftJoin('product_locations as l', (join) =>
      join.onRef('l.account_id', '=', 'p.account_id').onRef('l.sku', '=', 'i.sku'),
    )
    .select((eb) => [
      'i.sku',
      eb.fn.min('i.offer_id').as('offer_id'),
      eb.fn.min('i.name').as('name'),
      eb.fn.min('l.location').as('location'),
      eb.fn.sum<number>('i.quantity').as('quantity'),
      sql<number>`count(DISTINCT i.posting_id)`.as('postings'),
    ])
    .where('i.posting_id', 'in', postingIds)
    .groupBy(['p.account_id', 'i.sku'])
    .execute();
}

export async function insertPickList(
  trx: Transaction<Database>,
  list: {
    createdAt: number;
    createdBy: number;
    criteria: PickCriteria;
    postingIds: number[];
    lines: PickList['lines'];
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('pick_lists')
    .values({
      created_at: list.createdAt,
      created_by: list.createdBy,
      criteria: JSON.stringify(list.criteria),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (list.postingIds.length > 0) {
    await trx
      .insertInto('pick_list_postings')
      .values(
        list.postingIds.map((postingId, position) => ({
          pick_list_id: id,
          posting_id: postingId,
          position,
        })),
      )
      .execute();
  }
  if (list.lines.length > 0) {
    await trx
      .insertInto('pick_list_lines')
      .values(
        list.lines.map((line, position) => ({
          pick_list_id: id,
          position,
          sku: line.sku,
          offer_id: line.offerId,
          name: line.name,
          location: line.location,
          quantity: line.quantity,
          postings: line.postings,
        })),
      )
      .execute();
  }
  return id;
}

/** One pick list with its postings and lines in walking order; exported for its printout. */
export async function getPickList(db: Executor, id: number): Promise<PickList | null> {
  const list = await db
    .selectFrom('pick_lists as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.created_at', 'u.display_name'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!list) return null;
  const [postings, lines] = await Promise.all([
    db
      .selectFrom('pick_list_postings as lp')
      .innerJoin('postings as p', 'p.id', 'lp.posting_id')
      .select('p.posting_number')
      .where('lp.pick_list_id', '=', id)
      .orderBy('lp.position')
      .execute(),
    db
      .selectFrom('pick_list_lines')
      .selectAll()
      .where('pick_list_id', '=', id)
      .orderBy('position')
      .execute(),
  ]);
  return {
    id: list.id,
    createdAt: list.created_at,
    createdBy: list.display_name,
    postingNumbers: postings.map((row) => row.posting_number),
    lines: lines.map((line) => ({
      sku: line.sku,
      offerId: line.offer_id,
      name: line.name,
      location: line.location,
      quantity: line.quantity,
      postings: line.postings,
    })),
  };
}

export async function listPickLists(db: Executor, limit = 100) {
  const rows = await db
    .selectFrom('pick_lists as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select((eb) => [
      'l.id',
      'l.created_at',
      'u.display_name',
      eb
        .selectFrom('pick_list_postings as lp')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('lp.pick_list_id', '=', 'l.id')
        .as('postings'),
      eb
        .selectFrom('pick_list_lines as ll')
        .select((sub) => sub.fn.sum<number>('ll.quantity').as('n'))
        .whereRef('ll.pick_list_id', '=', 'l.id')
        .as('units'),
    ])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.display_name,
    postings: Number(row.postings ?? 0),
    units: Number(row.units ?? 0),
  }));
}
