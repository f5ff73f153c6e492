import { useSyncExternalStore } from 'react';
import { usePackdeskApi } from './usePackdeskApi';

export function useToken() {
  const { tokens } = usePackdeskApi();
  return useSyncExternalStore(tokens.subscribe, tokens.get);
}
