import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { PostingItem } from '../../../shared/domain/postings';
import type { Database, LocalPostingState, PostingRow } from '../db/schema';
import type { RemotePosting } from '../marketplace/connector';

type Executor = Kysely<Database> | Transaction<Database>;

/** A remote change that contradicts local work; becomes an alert that stops the packer. */
export interface PostingConflict {
  postingNumber: string;
  kind: 'cancelled_after_packing' | 'items_changed';
  message: string;
}

interface StoredPosting {
  id: number;
  status: string;
  local_state: LocalPostingState;
  items: string;
}

/**
 * Upserts one page of pulled postings with prepared statements (see db/exclusive.ts); must run
 * inside `writeExclusive`. Returns the conflicts with local work it found.
 */
export function createPostingWriter(sqlite: BetterSqlite3.Database) {
  const find = sqlite.prepare<[number, string], StoredPosting>(
    `SELECT id, status, local_state,
       (SELECT group_concat(sku || 'x' || quantity, ',') FROM (SELECT sku, quantity FROM posting_items WHERE posting_id = postings.id ORDER BY line)) AS items
     FROM postings WHERE account_id = ? AND posting_number = ?`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO postings (account_id, posting_number, order_number, order_id, status, marketplace_status,
       marketplace_substatus, in_process_at, shipment_date, changed_at, warehouse_id, delivery_method,
       tracking_number, cancel_reason, item_count, raw, synced_at)
     VALUES (@accountId, @postingNumber, @orderNumber, @orderId, @status, @marketplaceStatus,
       @marketplaceSubstatus, @inProcessAt, @shipmentDate, @changedAt, @warehouseId, @deliveryMethod,
       @trackingNumber, @cancelReason, @itemCount, @raw, @syncedAt)`,
  );
  const update = sqlite.prepare(
    `UPDATE postings SET order_number = @orderNumber, order_id = @orderId, status = @status,
       marketplace_status = @marketplaceStatus, marketplace_substatus = @marketplaceSubstatus,
       in_process_at = @inProcessAt, shipment_date = @shipmentDate, changed_at = @changedAt,
       warehouse_id = @warehouseId, delivery_method = @deliveryMethod, tracking_number = @trackingNumber,
       cancel_reason = @cancelReason, item_count = @itemCount, raw = @raw, synced_at = @syncedAt
     WHERE id = @id`,
  );
  const deleteItems = sqlite.prepare('DELETE FROM posting_items WHERE posting_id = ?');
  const insertItem = sqlite.prepare(
    `INSERT INTO posting_items (posting_id, line, sku, offer_id, name, quantity, price_minor, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  function writeItems(postingId: number, items: PostingItem[]) {
    items.forEach((item, line) =>
      insertItem.run(
        postingId,
        line,
        item.sku,
        item.offerId,
        item.name,
        item.quantity,
        item.priceMinor,
        item.currency,
      ),
    );
  }

  return function upsertPostings(
    accountId: number,
    postings: RemotePosting[],
    now: number,
  ): PostingConflict[] {
    const conflicts: PostingConflict[] = [];
    for (const posting of postings) {
      const values = {
        accountId,
        postingNumber: posting.postingNumber,
        orderNumber: posting.orderNumber,
        orderId: posting.orderId,
        status: posting.status,
        marketplaceStatus: posting.marketplaceStatus,
        marketplaceSubstatus: posting.marketplaceSubstatus,
        inProcessAt: posting.inProcessAt ?? 0,
        shipmentDate: posting.shipmentDate,
        changedAt: posting.changedAt,
        warehouseId: posting.warehouseId,
        deliveryMethod: posting.deliveryMethod,
        trackingNumber: posting.trackingNumber,
        cancelReason: posting.cancelReason,
        itemCount: posting.items.reduce((sum, item) => sum + item.quantity, 0),
        raw: posting.raw,
        syncedAt: now,
      };
      const stored = find.get(accountId, posting.postingNumber);
      if (!stored) {
        const { lastInsertRowid } = insert.run(values);
        writeItems(Number(lastInsertRowid), posting.items);
        continue;
      }
      const itemsKey = posting.items.map((item) => `${item.sku}x${item.quantity}`).join(',');
      const hasLocalWork = stored.local_state !== 'none';
      if (
        hasLocalWork &&
        posting.status === 'cancelled' &&
        stored.status !== 'cancelled' &&
        stored.local_state !== 'cancelling'
      ) {
        conflicts.push({
          postingNumber: posting.postingNumber,
          kind: 'cancelled_after_packing',
          message: `Posting ${posting.postingNumber} was cancelled on the marketplace after it was packed${posting.cancelReason ? `: ${posting.cancelReason}` : ''}`,
        });
      } else if (hasLocalWork && itemsKey !== stored.items) {
        conflicts.push({
          postingNumber: posting.postingNumber,
          kind: 'items_changed',
          message: `The items of posting ${posting.postingNumber} changed on the marketplace after it was packed`,
        });
      }
      update.run({ ...values, id: stored.id });
      if (itemsKey !== stored.items) {
        deleteItems.run(stored.id);
        writeItems(stored.id, posting.items);
      }
    }
    return conflicts;
  };
}

export async function setLocalState(
  db: Executor,
  accountId: number,
  postingNumber: string,
  localState: LocalPostingState,
): Promise<void> {
  await db
    .updateTable('postings')
    .set({ local_state: localState })
    .where('account_id', '=', accountId)
    .where('posting_number', '=', postingNumber)
    .execute();
}

export function findPosting(db: Executor, postingNumber: string): Promise<PostingRow | undefined> {
  return db
    .selectFrom('postings')
    .selectAll()
    .where('posting_number', '=', postingNumber)
    .executeTakeFirst();
}

export function postingItems(db: Executor, postingId: number) {
  return db
    .selectFrom('posting_items')
    .selectAll()
    .where('posting_id', '=', postingId)
    .orderBy('line')
    .execute();
}
