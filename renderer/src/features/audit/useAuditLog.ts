import { useInfiniteQuery } from '@tanstack/react-query';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { ApiCallError } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { usePackdeskApi } from '../../api/usePackdeskApi';

export interface AuditFilters {
  username?: string;
  method?: string;
}

const PAGE_SIZE = 50;

/** Keyset paging, newest first: each page asks for entries below the last id it was given. */
export function useAuditLog(filters: AuditFilters) {
  const { client } = usePackdeskApi();
  return useInfiniteQuery<
    MethodOutput<'audit.list'>,
    ApiCallError,
    MethodOutput<'audit.list'>['entries'],
    ReturnType<typeof queryKeys.audit>,
    number | undefined
  >({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam }) =>
      client.call('audit.list', {
        ...filters,
        limit: PAGE_SIZE,
        ...(pageParam !== undefined && { beforeId: pageParam }),
      }),
    initialPageParam: undefined,
    getNextPageParam: (page) => page.nextBeforeId ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.entries),
  });
}
