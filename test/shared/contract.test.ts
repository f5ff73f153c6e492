import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/channels';
import { EVENT_DOMAINS, eventForMethod } from '../../shared/contract/events';
import { methods } from '../../shared/contract/methods';
import { redactSecrets } from '../../shared/lib/logger';

describe('contract', () => {
  it('lists exactly the contract methods for the preload allowlist', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
  });

  it('names every method <domain>.<verb> with a domain that has a push event', () => {
    for (const name of Object.keys(methods)) {
      expect(name).toMatch(/^[a-z]+\.[a-z][a-zA-Z]+$/);
      expect(EVENT_DOMAINS).toContain(name.split('.')[0]);
      expect(eventForMethod(name)).toBe(`${name.split('.')[0]}.changed`);
    }
    expect(eventForMethod('nothing.here')).toBeNull();
  });

  it('marks every method that can change data as mutating', () => {
    const readOnly = Object.entries(methods)
      .filter(([, spec]) => !spec.mutating)
      .map(([name]) => name);
    expect(readOnly.sort()).toEqual([
      'accounts.list',
      'accounts.syncNow',
      'accounts.warehouses',
      'alerts.list',
      'audit.list',
      'auth.me',
      'auth.operators',
      'dispatch.carriers',
      'dispatch.list',
      'outbox.list',
      'packing.current',
      'picking.get',
      'picking.list',
      'postings.get',
      'postings.search',
      'printers.list',
      'printers.status',
      'printing.jobs',
      'printing.preview',
      'scanners.ports',
      'scanners.serial',
      'scanners.take',
      'setup.status',
      'stats.counter',
      'users.list',
    ]);
  });
});

describe('redactSecrets', () => {
  it('removes secrets at any depth and keeps everything else', () => {
    const input = {
      username: 'sam',
      password: 'p',
      nested: { pin: '1234', list: [{ token: 't', keep: 1 }] },
    };
    expect(redactSecrets(input)).toEqual({
      username: 'sam',
      password: '[redacted]',
      nested: { pin: '[redacted]', list: [{ token: '[redacted]', keep: 1 }] },
    });
  });
});
