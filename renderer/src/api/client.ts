import type { ApiError } from '../../../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import type { TokenStore } from './token-store';
import type { Transport } from './transport';

/** A refused or failed call. `isNetwork` means the core was not reached at all. */
export class ApiCallError extends Error {
  constructor(
    readonly error: ApiError,
    readonly isNetwork = false,
  ) {
    super(error.message);
    this.name = 'ApiCallError';
  }

  get code() {
    return this.error.code;
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function createApiClient(transport: Transport, tokens: TokenStore): ApiClient {
  return {
    async call(method, input) {
      const token = tokens.get();
      let result;
      try {
        result = await transport.bridge.call(method, input, token);
      } catch (cause) {
        throw new ApiCallError({ code: 'internal', message: String(cause) }, true);
      }
      if (result.ok) return result.data as MethodOutput<typeof method>;
      // Only the token that was refused is dropped: an operator switch may have replaced it
      // while this call was in flight.
      if (result.error.code === 'unauthenticated' && tokens.get() === token) tokens.set(null);
      throw new ApiCallError(result.error);
    },
  };
}
