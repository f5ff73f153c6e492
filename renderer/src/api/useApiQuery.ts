import { useQuery, type QueryKey } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import type { ApiCallError } from './client';
import { usePackdeskApi } from './usePackdeskApi';

/** One contract method as a query. The key must start with the method's event domain. */
export function useApiQuery<M extends MethodName>(
  queryKey: QueryKey,
  method: M,
  input: MethodInput<M>,
  options: {
    enabled?: boolean;
    /** Re-read on a timer as well, for state that moves without a push event (times, queues). */
    refetchInterval?: number | false;
  } = {},
) {
  const { client } = usePackdeskApi();
  return useQuery<MethodOutput<M>, ApiCallError>({
    queryKey,
    queryFn: () => client.call(method, input),
    ...options,
  });
}
