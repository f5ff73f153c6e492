import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import { useApiQuery } from '../../api/useApiQuery';

export type Printer = MethodOutput<'printers.list'>[number];
export type PrinterStatus = MethodOutput<'printers.status'>;
export type PrintJob = MethodOutput<'printing.jobs'>[number];

/**
 * Query keys of this screen, kept here until they move to api/query-keys.ts. Each starts with
 * its event domain, so `printers.changed` refreshes the printers and their status and
 * `printing.changed` (which the print queue announces on every state change) the jobs.
 */
export const printingKeys = {
  printers: ['printers', 'list'],
  status: (printerId: number) => ['printers', 'status', printerId],
  jobs: (printerId: number | null, limit: number) => ['printing', 'jobs', { printerId, limit }],
  preview: (input: { kind: PrintJob['kind']; documentKey: string; printerId: number }) => [
    'printing',
    'preview',
    input,
  ],
} as const;

export function usePrinters() {
  return useApiQuery(printingKeys.printers, 'printers.list', {});
}

/** Asking a printer opens a connection to it, so this is read when shown and on request only. */
export function usePrinterStatus(printerId: number) {
  return useApiQuery(printingKeys.status(printerId), 'printers.status', { printerId });
}

export function usePrintJobs(printerId: number | null, limit: number) {
  return useApiQuery(printingKeys.jobs(printerId, limit), 'printing.jobs', {
    limit,
    ...(printerId === null ? {} : { printerId }),
  });
}

/** Asks the printer again now (not from cache) and shows the answer wherever its status is shown. */
export function useRefreshStatus() {
  const queryClient = useQueryClient();
  const { client } = usePackdeskApi();
  return useCallback(
    (printerId: number) =>
      queryClient.fetchQuery({
        queryKey: printingKeys.status(printerId),
        queryFn: () => client.call('printers.status', { printerId }),
        staleTime: 0,
      }),
    [client, queryClient],
  );
}

/** The printer reports a problem a person must fix; `unknown` (cannot tell) is not one. */
export function isTrouble(state: PrinterStatus['state']) {
  return state === 'paper_out' || state === 'cover_open' || state === 'offline';
}
