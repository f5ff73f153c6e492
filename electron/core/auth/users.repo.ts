import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../../shared/schemas/users.schema';
import type { Database, NewUserRow, UserRow, UserRowUpdate } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    isDisabled: row.is_disabled === 1,
    hasPin: row.pin_hash !== null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor) {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, id: number, changes: UserRowUpdate) {
  return db
    .updateTable('users')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active administrators; the shop must always keep at least one. */
export async function countActiveAdministrators(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'administrator')
    .where('is_disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return row.count;
}
