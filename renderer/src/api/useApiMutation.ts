import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import type { ApiCallError } from './client';
import { usePackdeskApi } from './usePackdeskApi';

/**
 * One contract method as a mutation. The method name is the mutation key, which is how the
 * query client's mutation cache knows which domain to mark stale after success.
 */
export function useApiMutation<M extends MethodName, TContext = unknown>(
  method: M,
  options: Omit<
    UseMutationOptions<MethodOutput<M>, ApiCallError, MethodInput<M>, TContext>,
    'mutationFn' | 'mutationKey'
  > = {},
) {
  const { client } = usePackdeskApi();
  return useMutation<MethodOutput<M>, ApiCallError, MethodInput<M>, TContext>({
    ...options,
    mutationKey: [method],
    mutationFn: (input) => client.call(method, input),
  });
}
