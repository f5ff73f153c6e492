import type { HandlerContext } from '../../electron/core/handler/context';
import type { Core } from '../../electron/core/core';
import type { PrintOnComplete } from '../../electron/core/packing/completion';
import { createPrintOnComplete } from '../../electron/core/documents/on-complete';

/**
 * A handler context as the packing counter's `complete` has it, for calling `printOnComplete`
 * directly: the same services, writes in one transaction (no audit entry needed here).
 */
export function handlerContext(core: Core): HandlerContext {
  return {
    ...core.services,
    caller: { token: null, origin: 'test' },
    session: null,
    write: (work) => core.services.db.transaction().execute(work),
    setActor: () => undefined,
  };
}

/** The counter's completion prints as the core wires them: they wake this core's print queue. */
export function printOnCompleteOf(core: Core): PrintOnComplete {
  return createPrintOnComplete({ wakePrinter: () => core.printing.wake() });
}
