import type { Kysely, Transaction } from 'kysely';
import { isLanguage, THEMES, type Theme } from '../../../shared/domain/preferences';
import type { Preferences } from '../../../shared/schemas/auth.schema';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

const DEFAULTS: Preferences = { language: 'en', theme: 'light' };

export async function insertDefaultPreferences(
  db: Executor,
  userId: number,
  initial: Partial<Preferences> = {},
): Promise<void> {
  const values = { ...DEFAULTS, ...initial };
  await db
    .insertInto('preferences')
    .values({ user_id: userId, language: values.language, theme: values.theme })
    .execute();
}

export async function getPreferences(db: Executor, userId: number): Promise<Preferences> {
  const row = await db
    .selectFrom('preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    language: isLanguage(row?.language) ? row.language : DEFAULTS.language,
    theme: (THEMES as readonly string[]).includes(row?.theme ?? '')
      ? (row?.theme as Theme)
      : DEFAULTS.theme,
  };
}

export async function savePreferences(
  db: Executor,
  userId: number,
  preferences: Preferences,
): Promise<void> {
  await db
    .insertInto('preferences')
    .values({ user_id: userId, ...preferences })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(preferences))
    .execute();
}
