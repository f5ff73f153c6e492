import { useSyncExternalStore } from 'react';
import { usePackdeskApi } from './usePackdeskApi';

export function useConnectionState() {
  const { transport } = usePackdeskApi();
  return useSyncExternalStore(transport.onConnectionChange, transport.getConnection);
}
