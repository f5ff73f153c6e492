import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiContext } from './api-context';
import type { PackdeskApi } from './packdesk-api';

export function ApiProvider({ api, children }: { api: PackdeskApi; children: ReactNode }) {
  return (
    <ApiContext value={api}>
      <QueryClientProvider client={api.queryClient}>{children}</QueryClientProvider>
    </ApiContext>
  );
}
