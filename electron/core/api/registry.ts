import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { ApiResult } from '../../../shared/contract/errors';
import { EVENT_DOMAINS, type AppEvent, type EventDomain } from '../../../shared/contract/events';
import { isMethodName, methods, type MethodName } from '../../../shared/contract/methods';
import { redactSecrets } from '../../../shared/lib/logger';
import { writeAudit } from '../audit/audit.repo';
import { authenticate } from '../auth/sessions.repo';
import type { Database, UserRow } from '../db/schema';
import type {
  Caller,
  CoreServices,
  HandlerContext,
  HandlerMap,
  SessionInfo,
} from '../handler/context';
import { createEventFeed, type EventFeed } from './event-feed';
import { ApiFailure } from '../handler/failure';

export type Handlers = HandlerMap<MethodName>;

export interface Registry {
  /** The single entry point of every transport. Never throws. */
  call(method: string, input: unknown, caller: Caller): Promise<ApiResult<unknown>>;
  /** Every push event, for a transport that serves one trusted client (the desktop window). */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Push events for one session, filtered by what its role may read; see `EventFeed`. */
  subscribe: EventFeed['subscribe'];
}

/**
 * Validates input, resolves the session, checks the role, runs the handler, writes the audit
 * entry and announces the change. Every transport (IPC, HTTP) ends here, so the rules hold
 * whichever way a call arrives.
 */
export function createRegistry(
  services: CoreServices,
  handlers: Handlers,
  hooks: {
    /** After a call's change is announced (so after it committed): the core wakes workers here. */
    onAnnounce?(domain: EventDomain): void;
  } = {},
): Registry {
  const log = services.log.child({ scope: 'api' });

  async function call(method: string, rawInput: unknown, caller: Caller) {
    if (!isMethodName(method)) {
      return failure(new ApiFailure('not_found', `Unknown method ${method}`));
    }
    const spec = methods[method];
    let session: SessionInfo | null = null;
    let actor: Pick<UserRow, 'id' | 'username'> | null = null;
    let auditedInput: unknown = null;
    try {
      session = caller.token ? await authenticate(services, caller.token) : null;
      actor = session?.user ?? null;
      if (spec.access !== 'public') {
        if (!session) throw new ApiFailure('unauthenticated', 'Sign in first');
        if (spec.access !== 'session' && !spec.access.includes(session.user.role)) {
          throw new ApiFailure('forbidden', `Your role may not call ${method}`);
        }
      }
      const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
      if (!parsed.success) {
        const fields = Object.fromEntries(
          parsed.error.issues.map((issue) => [issue.path.join('.') || '_', issue.code]),
        );
        throw new ApiFailure('invalid_input', 'Some fields are not valid', { fields });
      }

      let audited = false;
      auditedInput = redactSecrets(parsed.data);
      const detail = JSON.stringify(auditedInput);
      const context: HandlerContext = {
        ...services,
        caller,
        session,
        setActor: (user) => (actor = user),
        // One audit entry per call, with its first write: a handler that commits in steps (a
        // completion, then its print jobs) is still one thing the person did.
        write: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
          const result = await services.db.transaction().execute(async (trx) => {
            const done = await work(trx);
            if (!audited) {
              await writeAudit(trx, entry(method, 'ok', caller, actor, detail, services.now()));
            }
            return done;
          });
          audited = true;
          return result;
        },
      };
      const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const data = await handler(parsed.data, context);
      if (spec.mutating) {
        if (!audited) {
          await writeAudit(services.db, entry(method, 'ok', caller, actor, detail, services.now()));
        }
        announce(method);
      }
      return { ok: true as const, data };
    } catch (error) {
      if (!(error instanceof ApiFailure)) {
        log.error({ err: error, method }, 'handler failed');
        return failure(new ApiFailure('internal', 'Something went wrong inside Packdesk'));
      }
      const detail = JSON.stringify({ error: error.code, input: auditedInput });
      await recordRefusal(method, error, caller, actor, detail, spec.mutating);
      return failure(error);
    }
  }

  /** Refused role checks and failed writes are evidence worth keeping; bad input is not. */
  async function recordRefusal(
    method: MethodName,
    error: ApiFailure,
    caller: Caller,
    actor: Pick<UserRow, 'id' | 'username'> | null,
    detail: string,
    mutating: boolean,
  ) {
    const outcome =
      error.code === 'forbidden'
        ? 'denied'
        : mutating && error.code !== 'invalid_input'
          ? 'failed'
          : null;
    if (!outcome || error.code === 'unauthenticated') return;
    try {
      await writeAudit(services.db, entry(method, outcome, caller, actor, detail, services.now()));
      services.events.publish('audit');
    } catch (auditError) {
      log.error({ err: auditError, method }, 'could not write audit entry');
    }
  }

  function announce(method: string) {
    const domain = method.split('.')[0] as EventDomain;
    if ((EVENT_DOMAINS as readonly string[]).includes(domain)) {
      services.events.publish(domain);
      hooks.onAnnounce?.(domain);
    }
    services.events.publish('audit');
  }

  return {
    call,
    onEvent: (listener: (event: AppEvent) => void) => services.events.subscribe(listener),
    subscribe: createEventFeed(services).subscribe,
  };
}

function failure(error: ApiFailure) {
  return { ok: false as const, error: error.toApiError() };
}

function entry(
  method: string,
  outcome: 'ok' | 'denied' | 'failed',
  caller: Caller,
  actor: Pick<UserRow, 'id' | 'username'> | null,
  detail: string,
  at: number,
) {
  return {
    at,
    method,
    outcome,
    origin: caller.origin,
    user_id: actor?.id ?? null,
    username: actor?.username ?? null,
    detail,
  };
}
