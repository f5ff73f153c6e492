/**
 * The sandbox's own time. `manual` stands still until advanced (tests decide when a new posting
 * arrives or a label becomes ready); `real` follows the wall clock from `startAt`, for the Demo
 * store. Advancing works in both modes.
 */
export type ClockMode = 'manual' | 'real';

export interface SandboxClock {
  readonly mode: ClockMode;
  now(): number;
  advance(ms: number): number;
}

export function createClock(mode: ClockMode, startAt: number, wallNow = Date.now): SandboxClock {
  let offset = 0;
  const wallStart = wallNow();
  return {
    mode,
    now: () => startAt + offset + (mode === 'real' ? wallNow() - wallStart : 0),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('The clock only moves forward');
      offset += ms;
      return this.now();
    },
  };
}
