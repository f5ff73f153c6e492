import { use } from 'react';
import { ApiContext } from './api-context';

export function usePackdeskApi() {
  const api = use(ApiContext);
  if (!api) throw new Error('usePackdeskApi needs <ApiProvider>');
  return api;
}
