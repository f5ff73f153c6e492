import { isoTime } from '../json';
import type { RouteContext, RouteTable } from './route';

/** `/v1/roles`: the cheap credentials check; lists what the key may call and when it expires. */
export function accountRoutes(allPaths: () => string[]): RouteTable {
  return {
    '/v1/roles': {
      handle: (_body, { state }: RouteContext) => ({
        json: {
          roles: [{ name: 'Admin', methods: allPaths() }],
          expires_at: isoTime(state.credentialsExpireAt),
        },
      }),
    },
  };
}
