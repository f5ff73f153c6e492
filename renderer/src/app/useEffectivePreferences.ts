import { useEffect, useSyncExternalStore } from 'react';
import type { Preferences } from '../../../shared/schemas/auth.schema';
import { queryKeys } from '../api/query-keys';
import { useApiQuery } from '../api/useApiQuery';
import { useToken } from '../api/useToken';
import { devicePreferences } from '../session/device-preferences';

/** The signed-in user's language and theme, or the device's while nobody is signed in. */
export function useEffectivePreferences(): Preferences {
  const token = useToken();
  const me = useApiQuery(queryKeys.me, 'auth.me', {}, { enabled: token !== null });
  const device = useSyncExternalStore(devicePreferences.subscribe, devicePreferences.get);
  const personal = token !== null ? me.data?.preferences : undefined;

  useEffect(() => {
    if (personal) devicePreferences.set(personal);
  }, [personal]);

  return personal ?? device;
}
