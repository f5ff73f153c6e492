/**
 * Capped exponential backoff with full jitter (AWS architecture blog): a random wait between 0
 * and min(cap, base · 2^attempt), never shorter than what the marketplace asked for.
 */
export function backoffMs(
  attempt: number,
  options: { baseMs: number; capMs: number; random: () => number; atLeastMs?: number | undefined },
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(options.atLeastMs ?? 0, Math.floor(options.random() * ceiling));
}
