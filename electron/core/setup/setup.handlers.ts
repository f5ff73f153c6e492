import type { HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { hashSecret } from '../auth/passwords';
import { startSession } from '../auth/sessions.repo';
import { insertDefaultPreferences } from '../shop/preferences.repo';
import { createShop, getShop } from '../shop/shop.repo';
import { insertUser, toUser } from '../auth/users.repo';

export const setupHandlers: HandlerMap<'setup.status' | 'setup.createShop'> = {
  'setup.status': async (_input, ctx) => {
    const shop = await getShop(ctx.db);
    return { isSetUp: shop !== undefined, shopName: shop?.name ?? null };
  },

  /** First run only: once a shop exists this is refused, so it cannot mint administrators. */
  'setup.createShop': async (input, ctx) => {
    if (await getShop(ctx.db)) throw new ApiFailure('already_set_up', 'The shop is already set up');
    const passwordHash = await hashSecret(input.password);
    return ctx.write(async (trx) => {
      if (await getShop(trx)) throw new ApiFailure('already_set_up', 'The shop is already set up');
      const now = ctx.now();
      await createShop(trx, input.shopName, now);
      const admin = await insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        role: 'administrator',
        password_hash: passwordHash,
        pin_hash: null,
        created_at: now,
        updated_at: now,
        last_login_at: now,
      });
      ctx.setActor(admin);
      await insertDefaultPreferences(trx, admin.id, { language: input.language });
      const { token, expiresAt } = await startSession(trx, admin.id, ctx.caller.origin, now);
      return { token, expiresAt, user: toUser(admin) };
    });
  },
};
