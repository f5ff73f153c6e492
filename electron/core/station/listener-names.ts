import { networkInterfaces } from 'node:os';

/**
 * The names a station listener answers to. A request must be addressed to one of them (`Host`),
 * which stops DNS rebinding; a browser request that names its page (`Origin`) must come from one
 * of the station's own pages, which stops other sites' pages from calling the API.
 */
export interface ListenerNames {
  /** The station's own address, `http://<host>:<port>` (an IPv6 host in brackets). */
  url: string;
  /** `host:port` values of the `Host` header this listener answers. */
  hosts: ReadonlySet<string>;
  isOwnHost(host: string | undefined): boolean;
  /** True when the request carries no `Origin` (curl, scripts) or one of the station's pages. */
  isOwnOrigin(origin: string | undefined): boolean;
}

export function listenerNames(host: string, port: number): ListenerNames {
  const hostName = host.includes(':') ? `[${host}]` : host;
  const hosts = new Set(
    [hostName, 'localhost', '127.0.0.1', ...lanAddresses(host)].map((name) => `${name}:${port}`),
  );
  // The station serves plain HTTP, so each of its pages' origins is `http://<host>:<port>`.
  const origins = new Set([...hosts].map((name) => `http://${name}`));
  return {
    url: `http://${hostName}:${port}`,
    hosts,
    isOwnHost: (value) => value !== undefined && hosts.has(value),
    // A browser always sends Origin on cross-site requests and WebSocket upgrades; `null` (a
    // sandboxed frame, a file) is a page that is not ours.
    isOwnOrigin: (value) => value === undefined || origins.has(value),
  };
}

/** When bound to every interface (LAN access for phones), the machine's own addresses are valid hosts. */
function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address?.family === 'IPv4')
    .map((address) => address?.address ?? '');
}
