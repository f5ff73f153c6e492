/**
 * Days as date fields hold them (`YYYY-MM-DD`), in the station's local time: "today", "ship by
 * the 15th" and the like mean the packer's calendar, not UTC.
 */

/** `YYYY-MM-DD` of a local date, as a date field wants it. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a `YYYY-MM-DD`, plus `days`; null for a half-typed date. */
export function dayStart(day: string, days = 0): number | null {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return null;
  return new Date(year, month - 1, date + days).getTime();
}
