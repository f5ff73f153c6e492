import { sql } from 'kysely';
import type { Db } from '../db/connection';

const HOUR_MS = 60 * 60 * 1000;

interface Row {
  user_id: number;
  display_name: string;
  orders: number;
  units: number;
  active_ms: number;
  first_start: number | null;
  last_completion: number | null;
  wrong_scans: number;
}

/**
 * Per packer in [from, to): postings completed, units ticked in them, wrong scans caught while a
 * posting was open (wrong item, too many, unknown code), rates per hour of the packing window
 * (first start to last completion of those postings) and the average time a posting was open.
 * Read from the pack sessions and the scan log, over the indexes on completion time and on
 * (user, scan time).
 */
export async function counterStatsOf(db: Db, from: number, to: number) {
  const { rows } = await sql<Row>`
    WITH done AS (
      SELECT s.id, s.completed_by AS user_id, s.started_at, s.completed_at, s.active_ms
      FROM pack_sessions s
      WHERE s.state = 'completed' AND s.completed_at >= ${from} AND s.completed_at < ${to}
    ),
    per_order AS (
      SELECT d.user_id, count(*) AS orders, sum(d.active_ms) AS active_ms,
        min(d.started_at) AS first_start, max(d.completed_at) AS last_completion,
        sum((SELECT count(*) FROM pack_scans t
             WHERE t.pack_session_id = d.id AND t.verdict = 'item_ok' AND t.is_undone = 0)) AS units
      FROM done d GROUP BY d.user_id
    ),
    wrong AS (
      SELECT t.user_id, count(*) AS wrong_scans FROM pack_scans t
      WHERE t.at >= ${from} AND t.at < ${to} AND t.pack_session_id IS NOT NULL
        AND t.verdict IN ('wrong_item', 'too_many', 'unknown_code')
      GROUP BY t.user_id
    ),
    packers AS (SELECT user_id FROM per_order UNION SELECT user_id FROM wrong)
    SELECT u.id AS user_id, u.display_name,
      coalesce(o.orders, 0) AS orders, coalesce(o.units, 0) AS units,
      coalesce(o.active_ms, 0) AS active_ms, o.first_start, o.last_completion,
      coalesce(w.wrong_scans, 0) AS wrong_scans
    FROM packers k
    JOIN users u ON u.id = k.user_id
    LEFT JOIN per_order o ON o.user_id = k.user_id
    LEFT JOIN wrong w ON w.user_id = k.user_id
    ORDER BY orders DESC, u.display_name`.execute(db);
  return rows.map((row) => {
    const hours =
      row.first_start !== null && row.last_completion !== null
        ? Math.max(0, row.last_completion - row.first_start) / HOUR_MS
        : 0;
    return {
      userId: row.user_id,
      displayName: row.display_name,
      orders: row.orders,
      units: row.units,
      wrongScans: row.wrong_scans,
      ordersPerHour: hours > 0 ? round2(row.orders / hours) : 0,
      unitsPerHour: hours > 0 ? round2(row.units / hours) : 0,
      averageSecondsPerOrder: row.orders > 0 ? round2(row.active_ms / row.orders / 1000) : 0,
    };
  });
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
