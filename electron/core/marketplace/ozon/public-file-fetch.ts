import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/**
 * Addresses that are not the public internet: this computer, the LAN, the provider's NAT, link-
 * local (cloud metadata at 169.254.169.254), multicast and reserved ranges, in IPv4 and IPv6.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10],
  ['fc00::', 7],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Names that never mean a public host, refused before any lookup. */
const PRIVATE_NAME = /(^|\.)(localhost|local|internal)$/i;

export class NotPublicHostError extends Error {
  constructor(host: string) {
    super(`${host} is not a public internet host`);
    this.name = 'NotPublicHostError';
  }
}

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && /^::ffff:/i.test(address)) return false; // mapped, in hex: not worth a guess
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * `lookup`, letting through only names whose every address is public. The check is made on the
 * addresses the connection is then made to, so a name that resolves differently the second time
 * (DNS rebinding) cannot slip through between a check and the connect.
 */
function publicOnly(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, found) => {
      const addresses = (Array.isArray(found) ? found : []) as LookupAddress[];
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || !addresses.every((one) => isPublicAddress(one.address))) {
        return callback(new NotPublicHostError(hostname), '', 0);
      }
      if (options.all)
        return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * A GET over https to a host on the public internet only, as a `fetch`-shaped function: used
 * for files whose URL the marketplace's reply names, so a tampered reply cannot make Packdesk
 * fetch from this computer, the LAN or a cloud metadata service. Follows no redirect.
 */
export function createPublicFileFetch(lookup: LookupFunction = dnsLookup as LookupFunction) {
  const guarded = publicOnly(lookup);
  return (url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const host = target.hostname;
      const literal = host.replace(/^\[|\]$/g, '');
      // An address written out is connected to without a lookup, so it is checked here.
      if (isIP(literal) !== 0 && !isPublicAddress(literal)) {
        return reject(new NotPublicHostError(host));
      }
      if (target.protocol !== 'https:' || host.endsWith('.') || PRIVATE_NAME.test(host)) {
        return reject(new NotPublicHostError(host));
      }
      const sent = request(
        target,
        {
          method: 'GET',
          headers: Object.fromEntries(new Headers(init.headers)),
          lookup: guarded,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (reply) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(reply.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const status = reply.statusCode ?? 502;
          const empty = status === 204 || status === 304 || status < 200;
          resolve(
            new Response(empty ? null : (Readable.toWeb(reply) as ReadableStream<Uint8Array>), {
              status,
              headers,
            }),
          );
        },
      );
      sent.on('error', reject);
      sent.end();
    });
}
