import type { PrinterRow } from '../db/schema';
import type { HandlerContext } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { stationDate } from '../lib/clocks';
import { findPosting, postingItems } from '../postings/postings.repo';
import { renderPackageLabel, type PackageLabel } from './documents';
import { insertJob } from '../devices/printer/queue.repo';
import { profileOf } from '../devices/printer/profile';

/** The person the parcel goes to, when the marketplace gave one (rFBS `addressee`, `customer`). */
function addresseeOf(raw: string): string | null {
  try {
    const posting = JSON.parse(raw) as {
      addressee?: { name?: unknown } | null;
      customer?: { name?: unknown } | null;
    };
    const name = posting.addressee?.name ?? posting.customer?.name;
    return typeof name === 'string' && name.trim() ? name.trim() : null;
  } catch {
    return null;
  }
}

export async function packageLabel(
  ctx: HandlerContext,
  postingNumber: string,
): Promise<PackageLabel> {
  const posting = await findPosting(ctx.db, postingNumber);
  if (!posting) throw new ApiFailure('not_found', `No posting ${postingNumber}`);
  const [items, warehouse] = await Promise.all([
    postingItems(ctx.db, posting.id),
    posting.warehouse_id
      ? ctx.db
          .selectFrom('warehouses')
          .select('name')
          .where('account_id', '=', posting.account_id)
          .where('warehouse_id', '=', posting.warehouse_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return {
    postingNumber: posting.posting_number,
    orderNumber: posting.order_number || null,
    items: items.map((item) => ({
      name: item.name,
      offerId: item.offer_id,
      quantity: item.quantity,
    })),
    warehouse: warehouse?.name ?? null,
    addressee: addresseeOf(posting.raw),
    date: stationDate(ctx.now()),
  };
}

/**
 * Queues our package label for a posting on a printer and returns the job id. Pressing "print"
 * twice must not give two labels: a label already queued is returned, one already printed
 * needs a reprint with a reason.
 */
export async function queuePostingLabel(
  ctx: HandlerContext,
  printer: PrinterRow,
  postingNumber: string,
  userId: number,
): Promise<number> {
  const doc = await packageLabel(ctx, postingNumber);
  const bytes = renderPackageLabel(profileOf(printer), doc);
  return ctx.write(async (trx) => {
    const earlier = await trx
      .selectFrom('print_jobs')
      .select(['id', 'state'])
      .where('kind', '=', 'posting_label')
      .where('document_key', '=', doc.postingNumber)
      .where('state', 'in', ['queued', 'sending', 'printed'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (earlier?.state === 'printed') {
      throw new ApiFailure(
        'conflict',
        `The label for ${doc.postingNumber} was printed; reprint it with a reason`,
      );
    }
    if (earlier) return earlier.id;
    return insertJob(trx, {
      printerId: printer.id,
      kind: 'posting_label',
      documentKey: doc.postingNumber,
      bytes,
      createdBy: userId,
      at: ctx.now(),
    });
  });
}
