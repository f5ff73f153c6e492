/**
 * Runs a background pass one at a time. A wake while a pass runs asks for one more pass after
 * it, never a second one beside it, so a burst of wakes (a batch of 500 labels queued) costs one
 * extra pass. Once stopped, no pass starts and errors of the one ending are not reported. The
 * print queue and the marketplace-label prefetch both run on it.
 */
export interface PassLoop {
  readonly stopped: boolean;
  start(): void;
  /** Runs a pass now, or once more after the running one. */
  wake(): void;
  /** Starts no more passes; resolves when the running one has ended. */
  stop(): Promise<void>;
  /** Resolves when no pass is running or asked for. */
  idle(): Promise<void>;
}

export function createPassLoop(
  pass: () => Promise<void>,
  onError: (error: unknown) => void,
): PassLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          if (!stopped) onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  }

  return {
    get stopped() {
      return stopped;
    },
    start() {
      stopped = false;
      wake();
    },
    wake,
    async stop() {
      stopped = true;
      await running;
    },
    async idle() {
      while (running) await running;
    },
  };
}
