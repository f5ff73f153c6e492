import { useInfiniteQuery } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../../shared/contract/methods';
import type { ApiCallError } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { usePackdeskApi } from '../../api/usePackdeskApi';

export type PostingFilters = Omit<MethodInput<'postings.search'>, 'after' | 'limit'>;
export type Posting = MethodOutput<'postings.search'>['items'][number];
type Cursor = NonNullable<MethodOutput<'postings.search'>['after']>;

/** Enough rows to fill a tall screen twice, small enough that a refresh stays quick. */
export const POSTINGS_PAGE_SIZE = 200;

/**
 * Postings newest first, fetched page by page with the keyset cursor the core hands back, so
 * the tenth page costs what the first does however many postings the shop has.
 */
export function usePostings(filters: PostingFilters) {
  const { client } = usePackdeskApi();
  return useInfiniteQuery<
    MethodOutput<'postings.search'>,
    ApiCallError,
    Posting[],
    ReturnType<typeof queryKeys.postings>,
    Cursor | undefined
  >({
    queryKey: queryKeys.postings(filters),
    queryFn: ({ pageParam }) =>
      client.call('postings.search', {
        ...filters,
        limit: POSTINGS_PAGE_SIZE,
        ...(pageParam !== undefined && { after: pageParam }),
      }),
    initialPageParam: undefined,
    getNextPageParam: (page) => page.after ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    // Typing in the search box swaps the list only when the new one is ready.
    placeholderData: (previous) => previous,
  });
}
