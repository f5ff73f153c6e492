import { requireSession, type HandlerMap } from '../handler/context';
import { getPreferences, savePreferences } from './preferences.repo';
import { renameShop } from './shop.repo';

export const shopHandlers: HandlerMap<'shop.update' | 'preferences.update'> = {
  'shop.update': (input, ctx) =>
    ctx.write(async (trx) => {
      await renameShop(trx, input.name);
      return { name: input.name };
    }),

  'preferences.update': async (input, ctx) => {
    const { user } = requireSession(ctx);
    return ctx.write(async (trx) => {
      const current = await getPreferences(trx, user.id);
      const next = {
        language: input.language ?? current.language,
        theme: input.theme ?? current.theme,
      };
      await savePreferences(trx, user.id, next);
      return next;
    });
  },
};
