import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AuditEntry } from '../../../shared/schemas/audit.schema';
import type { AuditLogTable, Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function writeAudit(db: Executor, entry: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

export interface AuditQuery {
  beforeId?: number | undefined;
  limit: number;
  username?: string | undefined;
  method?: string | undefined;
}

/** Newest first, keyset-paged by id, so any page is an index range scan. */
export async function listAudit(db: Executor, query: AuditQuery) {
  let select = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
  if (query.username) select = select.where('username', '=', query.username.toLowerCase());
  if (query.method) select = select.where('method', '=', query.method);
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const entries: AuditEntry[] = page.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    method: row.method,
    outcome: row.outcome,
    origin: row.origin,
    detail: row.detail,
  }));
  const last = page.at(-1);
  return { entries, nextBeforeId: rows.length > query.limit && last ? last.id : null };
}
