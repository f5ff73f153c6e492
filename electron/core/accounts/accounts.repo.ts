import type { Kysely, Transaction } from 'kysely';
import type { AccountRow, Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export function listAccounts(db: Executor): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

export function findAccount(db: Executor, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordPullSuccess(db: Executor, id: number, now: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ last_pull_at: now, last_error: null, last_error_at: null })
    .where('id', '=', id)
    .execute();
}

export async function recordAccountError(
  db: Executor,
  id: number,
  message: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ last_error: message, last_error_at: now })
    .where('id', '=', id)
    .execute();
}

/** How many shown by name; the count says how many there are in all. */
const LISTED_WITHOUT_SKU = 20;

/**
 * Products of an account the marketplace gave no SKU, a sync error: their orders cannot be
 * matched to them. Archived cards are left out, as they take no orders. Part of the account's
 * sync status (accounts.list), hence here and not in products/, which stands on accounts/.
 */
export async function productsWithoutSku(db: Executor, accountId: number) {
  const missing = db
    .selectFrom('products as p')
    .where('p.account_id', '=', accountId)
    .where('p.is_archived', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('product_skus as s')
            .select('s.sku')
            .whereRef('s.account_id', '=', 'p.account_id')
            .whereRef('s.product_id', '=', 'p.product_id'),
        ),
      ),
    );
  const [listed, total] = await Promise.all([
    missing
      .select(['p.product_id', 'p.offer_id', 'p.name'])
      .orderBy('p.offer_id')
      .limit(LISTED_WITHOUT_SKU)
      .execute(),
    missing.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    count: Number(total.count),
    products: listed.map((row) => ({
      productId: row.product_id,
      offerId: row.offer_id,
      name: row.name,
    })),
  };
}
