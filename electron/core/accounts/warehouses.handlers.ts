import type { HandlerMap } from '../handler/context';

/**
 * The warehouses the sync engine last pulled, so people choose one by name instead of typing the
 * marketplace's 17-digit id. Read from the local database only: it answers offline.
 */
export const warehousesHandlers: HandlerMap<'accounts.warehouses'> = {
  'accounts.warehouses': async (_input, ctx) => {
    const rows = await ctx.db
      .selectFrom('warehouses as w')
      .innerJoin('accounts as a', 'a.id', 'w.account_id')
      .select([
        'w.account_id',
        'a.name as account_name',
        'w.warehouse_id',
        'w.name',
        'w.is_rfbs',
        'w.status',
      ])
      .orderBy('a.name')
      .orderBy('w.account_id')
      .orderBy('w.name')
      .orderBy('w.warehouse_id')
      .execute();
    return rows.map((row) => ({
      accountId: row.account_id,
      accountName: row.account_name,
      warehouseId: row.warehouse_id,
      name: row.name,
      isRfbs: row.is_rfbs === 1,
      status: row.status,
    }));
  },
};
