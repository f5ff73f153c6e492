import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiCallError, createApiClient, type ApiClient } from './client';
import { invalidateDomain, queryKeys } from './query-keys';
import { createTokenStore, type TokenStore } from './token-store';
import { chooseTransport, type ConnectionState, type Transport } from './transport';

export interface PackdeskApi {
  transport: Transport;
  tokens: TokenStore;
  client: ApiClient;
  queryClient: QueryClient;
}

function domainOf(method: unknown) {
  return typeof method === 'string' ? (method.split('.')[0] ?? '') : '';
}

/**
 * Builds the page's one API stack and wires its invariants before anything renders:
 * a new token drops every cached read of the previous user, push events and successful
 * mutations mark their domain stale, and a reconnected event channel refetches everything
 * because pushes sent while it was down are lost.
 */
export function createPackdeskApi(): PackdeskApi {
  const transport = chooseTransport();
  const tokens = createTokenStore();
  const client = createApiClient(transport, tokens);
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // Refusals (forbidden, unauthenticated…) will not change on retry; an unreachable core may.
        retry: (failures, error) =>
          error instanceof ApiCallError && error.isNetwork && failures < 3,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _result, mutation) =>
        invalidateDomain(queryClient, domainOf(mutation.options.mutationKey?.[0])),
    }),
  });

  tokens.subscribe(() => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
    transport.setToken(tokens.get());
  });
  transport.setToken(tokens.get());

  transport.bridge.onEvent((event) => invalidateDomain(queryClient, domainOf(event.name)));

  let previous: ConnectionState = transport.getConnection();
  transport.onConnectionChange(() => {
    const current = transport.getConnection();
    if (current === 'connected' && previous === 'reconnecting')
      void queryClient.invalidateQueries();
    previous = current;
  });
  // Asking who we are settles it: a dead token comes back `unauthenticated` and signs out.
  transport.onTokenRejected(() => void queryClient.invalidateQueries({ queryKey: queryKeys.me }));

  return { transport, tokens, client, queryClient };
}
