import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, setUpShop } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

/** Whose count a failed sign-in goes to: which addresses are one caller, and which transport. */

let host: TestStation;

beforeEach(async () => {
  host = await startTestStation();
});
afterEach(() => host.dispose());

/** `POST /api/auth/login` from the given local source address (any of 127/8 reaches the station). */
function loginFrom(localAddress: string, username: string, password: string) {
  const { hostname, port } = new URL(host.station.url);
  const body = JSON.stringify({ username, password });
  return new Promise<number>((resolve, reject) => {
    const sent = request(
      {
        host: hostname,
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('failed sign-ins are counted per caller, not per source address', () => {
  it('40 wrong logins from rotating 127.0.1.x addresses are held back like one address', async () => {
    await setUpShop(host.fx);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      // Unknown names count against the address only, so no user lock hides the address's count.
      statuses.push(await loginFrom(`127.0.1.${i + 1}`, `nobody${i}`, 'guess'));
    }
    // Five failures are free, the sixth is admitted and then the address waits (the clock stands).
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(6))).toEqual(new Set([429]));
  }, 120_000);
});

describe('a user locked over HTTP', () => {
  it('is audited with the address and the time the lock ends', async () => {
    const admin = await setUpShop(host.fx);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await loginFrom('127.0.0.1', 'admin', `wrong ${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const { entries } = await host.fx.call('audit.list', { limit: 50 }, admin);
    const locks = entries.filter((entry) => entry.detail.includes('"locked":true'));
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({
      method: 'auth.login',
      outcome: 'denied',
      username: 'admin',
      origin: 'http:127.0.0.1',
    });
    expect(JSON.parse(locks[0]?.detail ?? '{}').until).toBe(host.fx.clock.now + 15 * 60 * 1000);
  });

  it('can still sign in at the desktop app', async () => {
    await setUpShop(host.fx);
    for (let i = 0; i < 5; i++) await loginFrom('127.0.0.1', 'admin', `wrong ${i}`);
    expect(await loginFrom('127.0.0.1', 'admin', ADMIN.password)).toBe(429);
    const desktop = await host.fx.core.registry.call(
      'auth.login',
      { username: 'admin', password: ADMIN.password },
      { token: null, origin: 'desktop' },
    );
    expect(desktop.ok).toBe(true);
    // The lock over HTTP still holds.
    expect(await loginFrom('127.0.0.1', 'admin', ADMIN.password)).toBe(429);
  });
});
