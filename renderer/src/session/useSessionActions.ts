import { useCallback } from 'react';
import type { Session } from '../../../shared/schemas/auth.schema';
import { usePackdeskApi } from '../api/usePackdeskApi';

export function useSessionActions() {
  const { tokens, client } = usePackdeskApi();

  /** Login, first run and operator switch all end in a new session that replaces the old one. */
  const signIn = useCallback((session: Session) => tokens.set(session.token), [tokens]);

  const signOut = useCallback(async () => {
    try {
      await client.call('auth.logout', {});
    } catch {
      // The session may already be over or the core unreachable; forgetting the token still signs
      // this screen out, and the core expires the session on its own.
    }
    tokens.set(null);
  }, [client, tokens]);

  return { signIn, signOut };
}
