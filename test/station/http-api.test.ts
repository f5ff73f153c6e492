import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { methods } from '../../shared/contract/methods';
import type { StationHost } from '../../electron/core/station/http-host';
import { ADMIN } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

let host: TestStation;
let station: StationHost;
const post: TestStation['post'] = (...args) => host.post(...args);

beforeEach(async () => {
  host = await startTestStation();
  station = host.station;
});
afterEach(() => host.dispose());

describe('station HTTP API', () => {
  it('answers health without a session', async () => {
    const response = await fetch(`${station.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      data: { status: 'ok', version: '0.0.0-test' },
    });
  });

  it('publishes an OpenAPI document with every contract method', async () => {
    const doc = (await (await fetch(`${station.url}/api/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    for (const name of Object.keys(methods)) {
      const path = `/api/${name.replace('.', '/')}`;
      expect(doc.paths[path]?.post?.operationId, path).toBe(name);
    }
    const create = doc.paths['/api/users/create'].post;
    expect(create.requestBody.content['application/json'].schema.required).toContain('password');
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403']),
    );
  });

  it('answers 401, 403 and 400 as JSON with codes', async () => {
    const setup = await post('/api/setup/createShop', { ...ADMIN, setupCode: station.setupCode });
    expect(setup.status).toBe(200);
    const admin = setup.body.data.token as string;

    const noSession = await post('/api/users/list', {});
    expect(noSession.status).toBe(401);
    expect(noSession.body).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: expect.any(String) },
    });

    await post(
      '/api/users/create',
      { username: 'sam', displayName: 'Sam', role: 'staff', password: 'packer-password' },
      admin,
    );
    const staff = (await post('/api/auth/login', { username: 'sam', password: 'packer-password' }))
      .body.data.token;
    const forbidden = await post('/api/users/list', {}, staff);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const invalid = await post('/api/users/create', { username: '!' }, admin);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_input');
    expect(invalid.body.error.fields).toHaveProperty('username');

    const garbage = await post('/api/users/create', '{not json', admin);
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('invalid_input');

    const unknown = await post('/api/users/explode', {}, admin);
    expect(unknown.status).toBe(404);
  });

  it('sends Retry-After with 429 when logins are locked out', async () => {
    await post('/api/setup/createShop', { ...ADMIN, setupCode: station.setupCode });
    for (let i = 0; i < 5; i++)
      await post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
    const locked = await post('/api/auth/login', { username: 'admin', password: ADMIN.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    // fetch() may not set Host, so this one goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      request(`${station.url}/api/health`, { headers: { Host: 'evil.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(421);
  });

  it('serves the renderer with a CSP and falls back to index.html for screens only', async () => {
    const page = await fetch(`${station.url}/users/42`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Packdesk</title>');
    const asset = await fetch(`${station.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    // A missing file is a 404, not the page: a script tag or a scanner must not get HTML.
    for (const path of ['/assets/missing.js', '/favicon.ico', '/..%2f..%2fshop.sqlite']) {
      const missing = await fetch(`${station.url}${path}`);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(await missing.text(), path).not.toContain('<title>Packdesk</title>');
    }
  });

  it('sends the security headers with every answer, the OpenAPI document included', async () => {
    for (const path of ['/api/openapi.json', '/api/health', '/', '/assets/app.js', '/x.js']) {
      const headers = (await fetch(`${station.url}${path}`)).headers;
      expect(headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('narrows the page policy: API and sockets to itself, pictures from itself and the marketplaces', async () => {
    const policy = (await fetch(`${station.url}/`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .find(([first]) => first === name)
        ?.slice(1);
    expect(directive('connect-src')).toEqual(["'self'"]);
    const images = directive('img-src') ?? [];
    expect(images).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
    // Any HTTPS host would let an injected picture beacon data out; only named hosts may serve.
    expect(images).not.toContain('https:');
    expect(images).not.toContain('http:');
    expect(images).not.toContain('*');
    expect(images).toEqual(expect.arrayContaining(['https://*.ozone.ru', 'http://127.0.0.1:*']));
  });

  it('pushes <domain>.changed events to authenticated sockets only', async () => {
    const admin = (await post('/api/setup/createShop', { ...ADMIN, setupCode: station.setupCode }))
      .body.data.token as string;
    const wsUrl = station.url.replace('http', 'ws') + '/api/events';

    const stranger = new WebSocket(wsUrl);
    const strangerClosed = new Promise<number>((resolve) =>
      stranger.on('close', (code) => resolve(code)),
    );
    stranger.on('open', () => stranger.send(JSON.stringify({ token: 'forged' })));
    expect(await strangerClosed).toBe(4401);

    const socket = new WebSocket(wsUrl);
    const received: string[] = [];
    const ready = new Promise<void>((resolve) =>
      socket.on('message', (raw) => {
        const name = (JSON.parse(String(raw)) as { name: string }).name;
        if (name === 'ready') resolve();
        else received.push(name);
      }),
    );
    socket.on('open', () => socket.send(JSON.stringify({ token: admin })));
    await ready;
    await post('/api/shop/update', { name: 'Renamed' }, admin);
    await expect
      .poll(() => received)
      .toEqual(expect.arrayContaining(['shop.changed', 'audit.changed']));
    socket.close();
  });
});
