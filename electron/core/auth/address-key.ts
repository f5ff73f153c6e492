import { isIPv4, isIPv6 } from 'node:net';

/** Every loopback address is one caller: the station machine itself. */
const LOOPBACK = 'loopback';

/** The eight 16-bit groups of an IPv6 address (zone dropped, `::` and a dotted tail expanded). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = (address.split('%')[0] ?? '').split('::');
  const groupsOf = (part: string | undefined) =>
    !part
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = groupsOf(head);
  const right = groupsOf(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv4Key(address: string): string {
  return address.startsWith('127.') ? LOOPBACK : address;
}

/**
 * The key under which one caller's failures and open sockets are counted. A caller picks its
 * source address within what it holds, so the key is what it cannot change cheaply: every
 * loopback address (127.0.0.0/8 all reach a 127.0.0.1 station, ::1) is one caller, an
 * IPv4-mapped IPv6 address is its IPv4 address, and other IPv6 addresses count by /64 (the
 * smallest block a network hands out).
 */
export function addressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  if (isIPv4(remoteAddress)) return ipv4Key(remoteAddress);
  if (!isIPv6(remoteAddress)) return remoteAddress;
  const groups = ipv6Groups(remoteAddress);
  const [, , , , , sixth = 0, seventh = 0, eighth = 0] = groups;
  const leadingZeros = groups.slice(0, 5).every((group) => group === 0);
  if (leadingZeros && sixth === 0xffff) {
    return ipv4Key([seventh >> 8, seventh & 0xff, eighth >> 8, eighth & 0xff].join('.'));
  }
  if (leadingZeros && sixth === 0 && seventh === 0 && eighth === 1) return LOOPBACK;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
