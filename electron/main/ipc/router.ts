// The one IPC handler between page and core. Everything arriving here is untrusted page input:
// the sender is checked before anything else, and the answer is always an ApiResult, never a
// thrown error (a rejection would carry a main-process stack into the page).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallEnvelope } from '../../../shared/contract/bridge';
import { IPC_CALL_CHANNEL, METHOD_NAMES } from '../../../shared/contract/channels';
import type { ApiResult, ErrorCode } from '../../../shared/contract/errors';
import type { MethodName } from '../../../shared/contract/methods';
import type { Logger } from '../../../shared/lib/logger';
import type { CoreProcess } from '../core-process';
import type { SenderCheck } from './sender';

const methods = new Set<string>(METHOD_NAMES);

function failure(code: ErrorCode, message: string): ApiResult<unknown> {
  return { ok: false, error: { code, message } };
}

/** A fresh envelope holding only the three known fields, or the answer refusing the call. */
function parseEnvelope(
  raw: unknown,
): { envelope: CallEnvelope } | { rejection: ApiResult<unknown> } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { rejection: failure('invalid_input', 'The call must be an object') };
  }
  const { method, input, token } = raw as Record<string, unknown>;
  if (typeof method !== 'string') {
    return { rejection: failure('invalid_input', 'The method name must be a string') };
  }
  if (token !== null && typeof token !== 'string') {
    return { rejection: failure('invalid_input', 'The token must be a string or null') };
  }
  // Same code the preload answers for an unknown name, so the page sees one behaviour.
  if (!methods.has(method)) return { rejection: failure('not_found', `Unknown method ${method}`) };
  return { envelope: { method: method as MethodName, input, token } };
}

export interface IpcRouterDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<CoreProcess, 'call'>;
  isTrustedSender: SenderCheck;
  log: Logger;
}

/** Registers the call handler; returns a function that removes it. */
export function registerIpcRouter(deps: IpcRouterDeps): () => void {
  const { log } = deps;
  async function handle(event: IpcMainInvokeEvent, raw: unknown): Promise<ApiResult<unknown>> {
    if (!deps.isTrustedSender(event)) {
      log.warn({ frameUrl: event.senderFrame?.url ?? null }, 'IPC call from an untrusted frame');
      return failure('forbidden', 'This page may not call Packdesk');
    }
    const parsed = parseEnvelope(raw);
    if ('rejection' in parsed) {
      log.warn({ result: parsed.rejection }, 'malformed IPC call');
      return parsed.rejection;
    }
    const { envelope } = parsed;
    try {
      return await deps.core.call(envelope);
    } catch (error) {
      log.error({ method: envelope.method, err: error }, 'forwarding an IPC call failed');
      return failure('internal', 'The call could not be forwarded');
    }
  }
  deps.ipcMain.handle(IPC_CALL_CHANNEL, handle);
  return () => deps.ipcMain.removeHandler(IPC_CALL_CHANNEL);
}
