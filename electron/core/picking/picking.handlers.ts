import { requireSession, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import {
  getPickList,
  insertPickList,
  listPickLists,
  pickablePostings,
  summedLines,
} from './picking.repo';
import { walkOrder } from './walk-order';

type PickingMethods = 'picking.create' | 'picking.list' | 'picking.get';

export const pickingHandlers: HandlerMap<PickingMethods> = {
  /** Chosen and summed inside one transaction, so the list matches the postings it names. */
  'picking.create': async (input, ctx) => {
    const { user } = requireSession(ctx);
    const criteria = {
      shipmentBefore: input.shipmentBefore,
      warehouseId: input.warehouseId,
      limit: input.limit,
    };
    const id = await ctx.write(async (trx) => {
      const postings = await pickablePostings(trx, criteria);
      const ids = postings.map((posting) => posting.id);
      const summed = ids.length > 0 ? await summedLines(trx, ids) : [];
      const lines = walkOrder(
        summed.map((row) => ({
          sku: row.sku,
          offerId: row.offer_id,
          name: row.name,
          location: row.location ?? null,
          quantity: Number(row.quantity),
          postings: Number(row.postings),
        })),
      );
      return insertPickList(trx, {
        createdAt: ctx.now(),
        createdBy: user.id,
        criteria,
        postingIds: ids,
        lines,
      });
    });
    const list = await getPickList(ctx.db, id);
    if (!list) throw new ApiFailure('internal', 'The pick list just made is missing');
    return list;
  },

  'picking.list': (_input, ctx) => listPickLists(ctx.db),

  'picking.get': async (input, ctx) => {
    const list = await getPickList(ctx.db, input.pickListId);
    if (!list) throw new ApiFailure('not_found', `No pick list ${input.pickListId}`);
    return list;
  },
};
