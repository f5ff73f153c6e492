import type { ApiError, ApiResult } from '../../../shared/contract/errors';
import type { Registry } from '../api/registry';
import { createSetupCode, type SetupCode } from '../setup/setup-code';

const CALLER = { token: null, origin: 'station' } as const;

/**
 * First-run setup over HTTP: while the shop is not set up, `setup.createShop` must carry the
 * one-time code the station printed on its console, and `setup.status` says so, so the page can
 * ask for it. The code is taken off the input before the registry sees it, whether it is still
 * needed or not, so it never reaches the audit log.
 */
export interface SetupOverHttp {
  /** The code to show on the console, or null when the shop was already set up at start. */
  code: string | null;
  /** The input to pass on, or the refusal to answer with. */
  admit(method: string, input: unknown): { input: unknown } | { refusal: ApiError };
  /** What the registry answered, with the station's part added. */
  answer(method: string, result: ApiResult<unknown>): ApiResult<unknown>;
}

export async function createSetupOverHttp(registry: Registry): Promise<SetupOverHttp> {
  const status = await registry.call('setup.status', {}, CALLER);
  const setupCode: SetupCode | null =
    status.ok && !(status.data as { isSetUp: boolean }).isSetUp ? createSetupCode() : null;

  return {
    code: setupCode?.code ?? null,
    admit(method, input) {
      if (method !== 'setup.createShop' || !isRecord(input)) return { input };
      const { setupCode: candidate, ...rest } = input;
      if (setupCode?.isActive() && !setupCode.accepts(candidate)) {
        return {
          refusal: {
            code: 'forbidden',
            message: "Setting up over HTTP needs the setup code printed on the station's console",
            fields: { setupCode: candidate === undefined ? 'required' : 'wrong' },
          },
        };
      }
      return { input: rest };
    },
    answer(method, result) {
      if (!result.ok || !setupCode?.isActive()) return result;
      if (method === 'setup.createShop') setupCode.spend();
      if (method === 'setup.status') {
        return { ok: true, data: { ...(result.data as object), setupCodeRequired: true } };
      }
      return result;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
