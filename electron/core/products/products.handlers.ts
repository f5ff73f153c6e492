import { randomUUID } from 'node:crypto';
import { requireSession, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { findAccount } from '../accounts/accounts.repo';
import { subjectOf } from '../outbox/actions';
import { enqueue } from '../outbox/outbox.repo';

export const productsHandlers: HandlerMap<'products.setStock'> = {
  'products.setStock': async (input, ctx) => {
    const { user } = requireSession(ctx);
    if (!(await findAccount(ctx.db, input.accountId)))
      throw new ApiFailure('not_found', 'No such account');
    // The marketplace wants its own product id beside the offer id; only a synced product has one.
    const product = await ctx.db
      .selectFrom('products')
      .select('product_id')
      .where('account_id', '=', input.accountId)
      .where('offer_id', '=', input.offerId)
      .executeTakeFirst();
    if (!product) throw new ApiFailure('not_found', 'No product with that offer id in this store');
    const payload = {
      productId: product.product_id,
      offerId: input.offerId,
      warehouseId: input.warehouseId,
      stock: input.stock,
    };
    const subject = subjectOf('stock', payload);
    await ctx.write(async (trx) => {
      // Only the newest level matters: an older one still waiting is superseded, not sent.
      await trx
        .updateTable('outbox')
        .set({
          state: 'discarded',
          last_error: 'Superseded by a newer stock level',
          finished_at: ctx.now(),
        })
        .where('account_id', '=', input.accountId)
        .where('subject', '=', subject)
        .where('state', '=', 'pending')
        .execute();
      await enqueue(
        trx,
        {
          accountId: input.accountId,
          idempotencyKey: `stock:${randomUUID()}`,
          action: 'stock',
          subject,
          payload,
          createdBy: user.id,
        },
        ctx.now(),
      );
    });
    void ctx.sync.pushNow(input.accountId);
    return {};
  },
};
