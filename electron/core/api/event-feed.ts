import { domainOfEvent, type AppEvent, type EventDomain } from '../../../shared/contract/events';
import { authenticate, liveSessionUser } from '../auth/sessions.repo';
import type { CoreServices } from '../handler/context';
import { mayReceive, type EventReader } from './event-access';

/**
 * Changes that may end sessions or change a role: sign-in and sign-out, operator switches,
 * password changes and resets, disabling a user, a new role. After one, every subscription
 * checks its session again before it is told anything more.
 */
const SESSION_DOMAINS: ReadonlySet<EventDomain> = new Set(['auth', 'users']);
/**
 * A session also ends by itself when it is left idle, with no event to say so; a subscription
 * checked longer ago than this is checked again before it is told anything more.
 */
const RECHECK_AFTER_MS = 60 * 1000;

interface Subscription {
  sessionId: number;
  reader: EventReader;
  /** The session-change count this subscription's session was last checked at. */
  checkedAt: number;
  /** When (by the core's clock) this subscription's session was last found live. */
  checkedTime: number;
  queue: AppEvent[];
  draining: boolean;
  listener: (event: AppEvent) => void;
  onEnded: () => void;
}

export interface EventFeed {
  /**
   * Push events for the session behind `token`: only those its role may read, in order, until
   * the session ends (sign-out, password reset, disabled user, a new role), when `onEnded` is
   * called once and nothing more is delivered. Null when the token has no live session.
   */
  subscribe(
    token: string,
    listener: (event: AppEvent) => void,
    onEnded: () => void,
  ): Promise<(() => void) | null>;
}

export function createEventFeed(services: Pick<CoreServices, 'db' | 'now' | 'events' | 'log'>) {
  const { db, now, log } = services;
  const subscriptions = new Set<Subscription>();
  let sessionChanges = 0;

  services.events.subscribe((event) => {
    if (SESSION_DOMAINS.has(domainOfEvent(event.name))) sessionChanges += 1;
    for (const subscription of subscriptions) {
      subscription.queue.push(event);
      if (!subscription.draining) void drain(subscription);
    }
  });

  /**
   * Delivers queued events in order. While the session is known to be live this runs through
   * without waiting; after a session change, or a minute after the last check, it waits for one
   * check first, so nothing published after a sign-out or an idle expiry reaches the socket.
   */
  async function drain(subscription: Subscription) {
    subscription.draining = true;
    try {
      while (subscription.queue.length > 0 && subscriptions.has(subscription)) {
        if (
          subscription.checkedAt !== sessionChanges ||
          now() - subscription.checkedTime >= RECHECK_AFTER_MS
        ) {
          const checkedAt = sessionChanges;
          const checkedTime = now();
          const user = await liveSessionUser(db, subscription.sessionId, checkedTime);
          if (!user) return end(subscription);
          subscription.reader = { userId: user.id, role: user.role };
          subscription.checkedAt = checkedAt;
          subscription.checkedTime = checkedTime;
          continue;
        }
        const event = subscription.queue.shift() as AppEvent;
        if (mayReceive(subscription.reader, event)) subscription.listener(event);
      }
    } catch (error) {
      // A listener that throws, or a database that is closing: this subscriber is done.
      log.warn({ err: error }, 'push event subscription ended on an error');
      end(subscription);
    } finally {
      subscription.draining = false;
    }
  }

  function end(subscription: Subscription) {
    if (!subscriptions.delete(subscription)) return;
    subscription.queue = [];
    subscription.onEnded();
  }

  const feed: EventFeed = {
    async subscribe(token, listener, onEnded) {
      // Counted before the session is read, so a change while it is read is checked again.
      const checkedAt = sessionChanges;
      const session = await authenticate(services, token).catch((error: unknown) => {
        log.warn({ err: error }, 'push event subscription refused on an error');
        return null;
      });
      if (!session) return null;
      const subscription: Subscription = {
        sessionId: session.sessionId,
        reader: { userId: session.user.id, role: session.user.role },
        checkedAt,
        checkedTime: now(),
        queue: [],
        draining: false,
        listener,
        onEnded,
      };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
        subscription.queue = [];
      };
    },
  };
  return feed;
}
