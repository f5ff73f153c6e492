import { EventEmitter } from 'node:events';
import { eventForMethod, type AppEvent, type EventDomain } from '../../../shared/contract/events';

/** One stream of push events for the whole core: the registry and the sync engine publish here. */
export function createEventBus(now: () => number) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(domain: EventDomain) {
      const name = eventForMethod(`${domain}.changed`);
      if (name) emitter.emit('event', { name, at: now() } satisfies AppEvent);
    },
    subscribe(listener: (event: AppEvent) => void): () => void {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
