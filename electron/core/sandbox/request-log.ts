/** One seller API call as the sandbox answered it. */
export interface LoggedRequest {
  path: string;
  /** The HTTP status sent, or null when the connection ended without one (reset or timeout faults). */
  status: number | null;
}

/** Entries kept at least; the Demo store runs for days, so the log may not grow without end. */
const KEEP = 10_000;

/**
 * The seller API calls the sandbox answered, in the order the answers went out, so a test can
 * check what a client did and when relative to other calls (e.g. which calls went on while one
 * waited out a 429), without timing anything.
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    // Trimmed in halves, not per call: an array shift on every request would cost O(KEEP).
    if (this.entries.length >= 2 * KEEP) this.entries = this.entries.slice(-KEEP);
  }

  list(): LoggedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
