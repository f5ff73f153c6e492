import { contentSecurityPolicy as pagePolicy } from '../../../shared/security/csp';

/**
 * The policy main adds to every response. In development only, `script-src` also allows inline
 * scripts because the dev server injects the React Refresh preamble inline.
 */
export function contentSecurityPolicy(isDevServer: boolean): string {
  return pagePolicy({ devServer: isDevServer });
}

/** Response headers with our policy replacing any the response carried, whatever its casing. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
