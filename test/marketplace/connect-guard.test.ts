import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from '../../electron/core/logging/logger';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { startStationHost, type StationHost } from '../../electron/core/station/http-host';
import { createCoreFixture, setUpShop, type CoreFixture } from '../support/core-fixture';
import { json, startFakeOzon, type FakeOzon } from './fake-ozon';
import { loopbackOnlyFetch, type GuardedFetch } from './fetch-probes';

/**
 * `accounts.connectOzon` over the station's HTTP API as a Manager: the address must be Ozon's
 * API or a loopback sandbox, checked before any request; no redirect is followed; a huge
 * reply is cut off; nothing the far end sent comes back to the caller.
 *
 * Every fetch in this process goes through a guard that refuses (and records) anything not
 * on loopback, so even a broken build sends nothing beyond this machine.
 */
let fx: CoreFixture;
let station: StationHost;
let manager: string;
let guard: GuardedFetch;
/** A loopback "marketplace" counting every request that reaches it. */
let target: FakeOzon;

async function post(path: string, body: unknown, token: string) {
  const response = await fetch(`${station.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function connect(baseUrl: string, credentials = { clientId: '123456', apiKey: 'key-0123456789' }) {
  return post('/api/accounts/connectOzon', { name: 'Store', ...credentials, baseUrl }, manager);
}

beforeEach(async () => {
  guard = loopbackOnlyFetch(globalThis.fetch);
  vi.spyOn(globalThis, 'fetch').mockImplementation(guard.fetch);
  fx = await createCoreFixture();
  const admin = await setUpShop(fx);
  await fx.call(
    'users.create',
    { username: 'mia', displayName: 'Mia', role: 'manager', password: 'manager-password' },
    admin,
  );
  manager = (await fx.call('auth.login', { username: 'mia', password: 'manager-password' })).token;
  const rendererDir = join(fx.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  station = await startStationHost({
    registry: fx.core.registry,
    log: createConsoleLogger('station', 'silent'),
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    version: '0.0.0-test',
  });
  target = await startFakeOzon();
});
afterEach(async () => {
  await station.close();
  await fx.dispose();
  await target.close();
  vi.restoreAllMocks();
});

describe('connecting an Ozon store', () => {
  it('refuses a foreign address as invalid input before any request is made', async () => {
    const port = new URL(target.url).port;
    const refused = [
      'http://example.com',
      'http://169.254.169.254',
      'http://169.254.169.254/latest/meta-data/',
      'https://example.com',
      'https://api-seller.ozon.ru.example.com',
      'https://example.com/api-seller.ozon.ru',
      'http://api-seller.ozon.ru',
      'https://api-seller.ozon.ru:8443',
      'http://192.168.1.10:8089',
      `http://api-seller.ozon.ru@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}@example.com`,
      `http://user:pass@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}/v1/roles`,
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://0.0.0.0:${port}`,
      `ftp://127.0.0.1:${port}`,
    ];
    for (const baseUrl of refused) {
      const reply = await connect(baseUrl);
      expect({ baseUrl, status: reply.status, body: JSON.parse(reply.text) }).toEqual({
        baseUrl,
        status: 400,
        body: {
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Some fields are not valid',
            fields: { baseUrl: 'invalid_format' },
          },
        },
      });
    }
    expect(guard.foreign).toEqual([]);
    expect(target.requests).toEqual([]);
    expect(JSON.parse((await post('/api/accounts/list', {}, manager)).text).data).toEqual([]);
  });

  it('takes a sandbox port 1–65535 only: others are invalid input, not an internal error', async () => {
    for (const port of ['0', '65536', '99999', '00080']) {
      const reply = await connect(`http://127.0.0.1:${port}`);
      expect({ port, status: reply.status, code: JSON.parse(reply.text).error.code }).toEqual({
        port,
        status: 400,
        code: 'invalid_input',
      });
    }
    // The highest port passes the check and is tried (nothing listens there here).
    const highest = await connect('http://127.0.0.1:65535');
    expect(JSON.parse(highest.text).error.code).toBe('marketplace_unreachable');
  });

  it('does not follow a redirect from the address to another host', async () => {
    const elsewhere = await startFakeOzon({
      '/v1/roles': json(200, '{"roles":[],"expires_at":"2027-01-01T00:00:00Z"}'),
    });
    try {
      target.route('/v1/roles', (_request, res) => {
        res.writeHead(307, { Location: `${elsewhere.url}/v1/roles` });
        res.end('REDIRECT-BODY-MARKER');
      });
      const reply = await connect(target.url);
      expect(reply.status).toBe(502);
      expect(JSON.parse(reply.text).error).toEqual({
        code: 'marketplace_unreachable',
        message: 'The marketplace could not be reached; try again',
      });
      expect(target.calls('/v1/roles')).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("never echoes the far end's error body: a code and our own message only", async () => {
    const marker = 'FOREIGN-BODY-MARKER <script>alert(1)</script>';
    const replies = [
      json(403, JSON.stringify({ code: 7, message: `Invalid Api-Key ${marker}`, details: [] })),
      json(400, JSON.stringify({ code: 3, message: marker, details: [{ value: marker }] })),
      json(500, `<html><body>${marker}</body></html>`),
      json(404, `{"error":{"code":"NOT_FOUND","message":"${marker}"}}`),
    ];
    const answers = [];
    for (const reply of replies) {
      target.route('/v1/roles', reply);
      const answer = await connect(target.url);
      expect(answer.text).not.toContain('FOREIGN-BODY-MARKER');
      answers.push({ status: answer.status, error: JSON.parse(answer.text).error });
    }
    const refused = {
      code: 'marketplace_auth',
      message: 'The marketplace refused these credentials',
    };
    const unreachable = {
      code: 'marketplace_unreachable',
      message: 'The marketplace could not be reached; try again',
    };
    expect(answers).toEqual([
      { status: 422, error: refused },
      { status: 422, error: refused },
      { status: 502, error: unreachable },
      { status: 422, error: refused },
    ]);
  });

  describe('against the sandbox', () => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await startSandbox({ port: 0, seed: 7 });
    });
    afterEach(async () => {
      await sandbox.close();
    });
    const credentials = () => ({ clientId: sandbox.clientId, apiKey: sandbox.apiKey });

    it('a 100 MiB reply to the credentials check is cut off and answered as unreachable', async () => {
      sandbox.control.setFaults([{ path: '/v1/roles', kind: 'oversized_body', count: 1 }]);
      const reply = await connect(sandbox.url, credentials());
      expect(reply.status).toBe(502);
      expect(JSON.parse(reply.text).error.code).toBe('marketplace_unreachable');
      expect(reply.text.length).toBeLessThan(1_000);
    });

    it('connects to the sandbox named as localhost with a trailing slash', async () => {
      const reply = await connect(
        `${sandbox.url.replace('127.0.0.1', 'localhost')}/`,
        credentials(),
      );
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).data).toMatchObject({ name: 'Store', isDemo: false });
    });
  });
});
