import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventDomain } from '../../shared/contract/events';
import { SESSION_IDLE_MS } from '../../electron/core/auth/sessions.repo';
import { ADMIN } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

let host: TestStation;
let admin: string;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  host = await startTestStation();
  const created = await host.post('/api/setup/createShop', {
    ...ADMIN,
    setupCode: host.station.setupCode,
  });
  admin = created.body.data.token as string;
});
afterEach(async () => {
  sockets.forEach((socket) => socket.terminate());
  sockets.length = 0;
  await host.dispose();
});

/** Adds a user and signs them in; returns their id and token. */
async function userWithSession(username: string, role: string) {
  const password = `${username} password`;
  const created = await host.post(
    '/api/users/create',
    { username, displayName: username, role, password },
    admin,
  );
  expect(created.status).toBe(200);
  const login = await host.post('/api/auth/login', { username, password });
  return { id: created.body.data.id as number, token: login.body.data.token as string };
}

interface Listener {
  names: string[];
  /** Resolves with the close code once the station closes the socket. */
  closed: Promise<number>;
  /** Resolves when `name` has arrived `count` times in all. */
  received(name: string, count?: number): Promise<'received'>;
}

/** A push socket signed in with `token`, once the station has said `ready`. */
async function listen(token: string): Promise<Listener> {
  const socket = new WebSocket(`${host.station.url.replace('http', 'ws')}/api/events`);
  sockets.push(socket);
  const names: string[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('message', (raw) => {
      const name = (JSON.parse(String(raw)) as { name: string }).name;
      if (name === 'ready') return resolve();
      names.push(name);
      waiters.forEach((waiter) => waiter());
    });
    void closed.then((code) => reject(new Error(`closed with ${code} before ready`)));
  });
  socket.on('open', () => socket.send(JSON.stringify({ token })));
  await ready;
  return {
    names,
    closed,
    received: (name, count = 1) =>
      new Promise((resolve) => {
        const check = () => {
          if (names.filter((seen) => seen === name).length < count) return;
          waiters.delete(check);
          resolve('received');
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Published by the core itself, as the sync engine and the counter do. */
function publish(domain: EventDomain) {
  host.fx.core.services.events.publish(domain);
}

describe('push events reach only those who may read them', () => {
  it('delivers each <domain>.changed only to the roles the contract lets read that domain', async () => {
    const cora = await userWithSession('cora', 'courier');
    const sam = await userWithSession('sam', 'staff');
    const courier = await listen(cora.token);
    const staff = await listen(sam.token);
    const administrator = await listen(admin);

    await host.post('/api/shop/update', { name: 'Renamed' }, admin); // shop, audit
    publish('postings'); // counter roles
    publish('stats'); // back office
    publish('setup'); // everyone: the last one, so whatever came before has arrived
    await Promise.all(
      [courier, staff, administrator].map((socket) => socket.received('setup.changed')),
    );

    expect(administrator.names).toEqual([
      'shop.changed',
      'audit.changed',
      'postings.changed',
      'stats.changed',
      'setup.changed',
    ]);
    expect(staff.names).toEqual(['shop.changed', 'postings.changed', 'setup.changed']);
    expect(courier.names).toEqual(['shop.changed', 'setup.changed']);
  });

  it('closes the sockets of a session that ends: logout, password reset, disabled user', async () => {
    const witness = await listen(admin);
    const endings: [string, (user: { id: number; token: string }) => Promise<unknown>][] = [
      ['logout', (user) => host.post('/api/auth/logout', {}, user.token)],
      [
        'password reset',
        (user) =>
          host.post(
            '/api/users/resetPassword',
            { userId: user.id, newPassword: 'a new password' },
            admin,
          ),
      ],
      [
        'disabled',
        (user) => host.post('/api/users/update', { userId: user.id, isDisabled: true }, admin),
      ],
    ];
    for (const [index, [ending, end]] of endings.entries()) {
      const user = await userWithSession(`staff${index}`, 'staff');
      const socket = await listen(user.token);
      await end(user);
      // Everyone may read setup.changed: a socket still subscribed would get it.
      publish('setup');
      await witness.received('setup.changed', index + 1);
      const outcome = await Promise.race([
        socket.closed.then((code) => `closed ${code}`),
        socket.received('setup.changed'),
      ]);
      expect(outcome, ending).toBe('closed 4401');
    }
  });

  it('closes the socket of a session that expired by idling, with no sign-in or sign-out since', async () => {
    const user = await userWithSession('idle', 'staff');
    const socket = await listen(user.token);
    publish('setup');
    await socket.received('setup.changed');
    // Nothing changes sessions: only the clock says this one has ended.
    host.fx.clock.now += SESSION_IDLE_MS + 1;
    publish('setup');
    const outcome = await Promise.race([
      socket.closed.then((code) => `closed ${code}`),
      socket.received('setup.changed', 2),
    ]);
    expect(outcome).toBe('closed 4401');
  });
});
