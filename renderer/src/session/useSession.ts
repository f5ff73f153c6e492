import { use } from 'react';
import { SessionContext } from './session-context';

/** The signed-in user, their preferences and the shop. Only inside the signed-in shell. */
export function useSession() {
  const me = use(SessionContext);
  if (!me) throw new Error('useSession is only for signed-in screens');
  return me;
}
