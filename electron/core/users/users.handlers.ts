import type { HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import { hashSecret } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions.repo';
import { insertDefaultPreferences } from '../shop/preferences.repo';
import {
  countActiveAdministrators,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  toUser,
  updateUser,
} from '../auth/users.repo';

type UsersMethods =
  'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.setPin';

export const usersHandlers: HandlerMap<UsersMethods> = {
  'users.list': async (_input, ctx) => (await listUsers(ctx.db)).map(toUser),

  'users.create': async (input, ctx) => {
    if (await findUserByUsername(ctx.db, input.username)) {
      throw new ApiFailure('conflict', `The user name ${input.username} is taken`, {
        fields: { username: 'taken' },
      });
    }
    const passwordHash = await hashSecret(input.password);
    const pinHash = input.pin ? await hashSecret(input.pin) : null;
    const now = ctx.now();
    return ctx.write(async (trx) => {
      const row = await insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        pin_hash: pinHash,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      });
      await insertDefaultPreferences(trx, row.id);
      return toUser(row);
    });
  },

  'users.update': async (input, ctx) => {
    const target = await findUserById(ctx.db, input.userId);
    if (!target) throw new ApiFailure('not_found', 'No such user');
    const losesAdmin =
      target.role === 'administrator' &&
      target.is_disabled === 0 &&
      ((input.role !== undefined && input.role !== 'administrator') || input.isDisabled === true);
    return ctx.write(async (trx) => {
      // Checked inside the transaction so two concurrent demotions cannot both pass.
      if (losesAdmin && (await countActiveAdministrators(trx)) <= 1) {
        throw new ApiFailure('last_administrator', 'The shop must keep one active Administrator');
      }
      const now = ctx.now();
      const row = await updateUser(trx, target.id, {
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.isDisabled !== undefined && { is_disabled: input.isDisabled ? 1 : 0 }),
        updated_at: now,
      });
      // ASVS 7.4.2: disabling an account ends its sessions; a new role takes effect at once too.
      if (input.isDisabled || (input.role !== undefined && input.role !== target.role)) {
        await endUserSessions(trx, target.id, now);
      }
      return toUser(row);
    });
  },

  'users.resetPassword': async (input, ctx) => {
    const target = await findUserById(ctx.db, input.userId);
    if (!target) throw new ApiFailure('not_found', 'No such user');
    const passwordHash = await hashSecret(input.newPassword);
    return ctx.write(async (trx) => {
      const now = ctx.now();
      await updateUser(trx, target.id, { password_hash: passwordHash, updated_at: now });
      await endUserSessions(trx, target.id, now);
      return {};
    });
  },

  'users.setPin': async (input, ctx) => {
    const target = await findUserById(ctx.db, input.userId);
    if (!target) throw new ApiFailure('not_found', 'No such user');
    const pinHash = input.pin === null ? null : await hashSecret(input.pin);
    return ctx.write(async (trx) => {
      await updateUser(trx, target.id, { pin_hash: pinHash, updated_at: ctx.now() });
      return {};
    });
  },
};
