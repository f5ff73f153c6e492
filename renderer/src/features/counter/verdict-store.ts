import type { Verdict } from './VerdictBanner';

/**
 * The last verdict, outside React state: only the banner subscribes, so answering a scan paints
 * one element instead of re-rendering the whole packing page (the lines, packages and history
 * follow a frame later). This is what keeps scan-to-verdict short on a slow counter PC.
 */
export interface VerdictStore {
  get: () => Verdict;
  set: (verdict: Verdict) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createVerdictStore(initial: Verdict): VerdictStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(verdict) {
      current = verdict;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
