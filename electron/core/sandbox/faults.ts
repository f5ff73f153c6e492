import { mulberry32, type Rng } from './random';

/**
 * What can go wrong on the way to and from the marketplace:
 * - `rate_limit`: 429 with `Retry-After` (seconds, default 1) before the call runs;
 * - `server_error`: 500 or 503 (`status`) before the call runs;
 * - `slow`: the reply comes after `delayMs`;
 * - `timeout_after_effect`: the call runs (its effect happens), then no reply; the socket is
 *   destroyed after `delayMs` (default 10 s) — the case a client must read back before retrying;
 * - `reset_before_effect`: the connection is reset before anything happens;
 * - `truncated_json`: the call runs and the 200 body is cut in the middle;
 * - `html_error`: a proxy's HTML error page (502) instead of JSON, before the call runs;
 * - `duplicate_page`: list endpoints answer the page but point the cursor back at its start;
 * - `reorder_page`: list endpoints answer the page in a shuffled order;
 * - `ship_failed`: ship is accepted but ends in substatus `ship_failed`;
 * - `oversized_body`: a 200 body of `bytes` (default 100 MiB) streamed without end in sight,
 *   before the call runs — a PDF on the legacy label endpoint, JSON elsewhere.
 */
export const FAULT_KINDS = [
  'rate_limit',
  'server_error',
  'slow',
  'timeout_after_effect',
  'reset_before_effect',
  'truncated_json',
  'html_error',
  'duplicate_page',
  'reorder_page',
  'ship_failed',
  'oversized_body',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** An API path (`/v4/posting/fbs/ship`), a prefix ending in `*`, or `*` for every path. */
  path: string;
  kind: FaultKind;
  /** Chance per matching call (default 1), drawn from the sandbox seed. */
  probability?: number;
  /** Fires at most this many times (default: no limit). */
  count?: number;
  /**
   * `count` applies to each path on its own: `{path: '*', kind: 'rate_limit', count: 1,
   * perPath: true}` answers the first call of every method with a 429.
   */
  perPath?: boolean;
  status?: 500 | 503;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Size of the `oversized_body` reply. */
  bytes?: number;
}

const SHIP_PATH = '/v4/posting/fbs/ship';

export interface ActiveFault extends FaultRule {
  fired: number;
}

interface Rule extends ActiveFault {
  /** Times fired per path, for `perPath` rules. */
  firedOn: Map<string, number>;
}

export class Faults {
  private rules: Rule[] = [];
  private rng: Rng;

  constructor(seed: number) {
    this.rng = mulberry32(seed ^ 0x5f3759df);
  }

  set(rules: FaultRule[]): void {
    for (const rule of rules) {
      if (!FAULT_KINDS.includes(rule.kind))
        throw new Error(`Unknown fault kind: ${String(rule.kind)}`);
      if (typeof rule.path !== 'string' || rule.path === '')
        throw new Error('A fault needs a path');
    }
    this.rules = rules.map((rule) => ({ ...rule, fired: 0, firedOn: new Map() }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map(({ firedOn: _firedOn, ...rule }) => rule);
  }

  /**
   * The first matching rule that fires for this call, consuming one of its count. Page faults
   * only match list endpoints and `ship_failed` only matches ship, so `*` rules stay meaningful.
   */
  draw(path: string, isList: boolean): ActiveFault | null {
    for (const rule of this.rules) {
      if (!matches(rule.path, path)) continue;
      if ((rule.kind === 'duplicate_page' || rule.kind === 'reorder_page') && !isList) continue;
      if (rule.kind === 'ship_failed' && path !== SHIP_PATH) continue;
      const firedHere = rule.perPath ? (rule.firedOn.get(path) ?? 0) : rule.fired;
      if (rule.count !== undefined && firedHere >= rule.count) continue;
      if (this.rng() >= (rule.probability ?? 1)) continue;
      rule.fired += 1;
      if (rule.perPath) rule.firedOn.set(path, firedHere + 1);
      return rule;
    }
    return null;
  }
}

function matches(pattern: string, path: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
