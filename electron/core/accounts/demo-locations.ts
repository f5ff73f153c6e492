import type { Db } from '../db/connection';

const AISLES = 'ABCDEF';

/**
 * A shelf for a Demo store product, the same for the same SKU on every machine, e.g. `C-07-2`
 * (aisle, rack, shelf), so the Demo store's pick lists walk a believable warehouse.
 */
export function demoLocation(sku: string): string {
  // FNV-1a: a stable spread of SKUs over the shelves.
  let hash = 0x811c9dc5;
  for (let i = 0; i < sku.length; i++) {
    hash ^= sku.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const aisle = AISLES[hash % AISLES.length] ?? 'A';
  const rack = String(1 + (Math.floor(hash / AISLES.length) % 12)).padStart(2, '0');
  const shelf = 1 + (Math.floor(hash / (AISLES.length * 12)) % 4);
  return `${aisle}-${rack}-${shelf}`;
}

/** Gives every product of the Demo store that has no storage location its demo shelf. */
export async function placeDemoProducts(db: Db, accountId: number, now: number): Promise<number> {
  const products = await db
    .selectFrom('products as p')
    .leftJoin('product_locations as l', (join) =>
      join.onRef('l.account_id', '=', 'p.account_id').onRef('l.sku', '=', 'p.sku'),
    )
    .select('p.sku')
    .distinct()
    .where('p.account_id', '=', accountId)
    .where('l.sku', 'is', null)
    .execute();
  if (products.length === 0) return 0;
  await db
    .insertInto('product_locations')
    .values(
      products.map(({ sku }) => ({
        account_id: accountId,
        sku,
        location: demoLocation(sku),
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'sku']).doNothing())
    .execute();
  return products.length;
}
