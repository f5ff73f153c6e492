import { describe, expect, it } from 'vitest';
import { addressKey } from '../../electron/core/auth/address-key';

describe('addressKey', () => {
  it('counts every loopback address, in any spelling, as one caller', () => {
    const keys = [
      '127.0.0.1',
      '127.0.1.7',
      '127.255.3.9',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:2',
    ];
    expect(new Set(keys.map(addressKey))).toEqual(new Set(['loopback']));
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(addressKey('192.168.1.20')).toBe('192.168.1.20');
    expect(addressKey('192.168.1.21')).toBe('192.168.1.21');
  });

  it('counts other IPv6 addresses by /64', () => {
    const a = addressKey('2001:db8:1:2:aaaa::1');
    expect(addressKey('2001:db8:1:2:ffff:1:2:3')).toBe(a);
    expect(addressKey('2001:0db8:0001:0002::9%eth0')).toBe(a);
    expect(addressKey('2001:db8:1:3::1')).not.toBe(a);
    expect(addressKey('fe80::1')).toBe(addressKey('fe80::2'));
  });
});
