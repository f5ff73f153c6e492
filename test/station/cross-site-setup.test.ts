import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSetupCode } from '../../electron/core/setup/setup-code';
import { ADMIN } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

let host: TestStation;

beforeEach(async () => {
  host = await startTestStation();
});
afterEach(async () => {
  await host.dispose();
});

async function isSetUp() {
  return (await host.post('/api/setup/status', {})).body.data.isSetUp as boolean;
}

/** A POST as `fetch` would send it, with exactly the headers given. */
async function rawPost(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${host.station.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as any };
}

describe('calls from other sites and first-run setup over HTTP', () => {
  it("refuses POSTs that are not JSON or come from another site's page", async () => {
    const body = JSON.stringify({ ...ADMIN, setupCode: host.station.setupCode });
    // The browser sends these cross-site without a preflight, and the page cannot read answers.
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const answer = await rawPost('/api/setup/createShop', body, { 'Content-Type': contentType });
      expect(answer.status, contentType).toBe(400);
      expect(answer.body.error.code, contentType).toBe('invalid_input');
    }
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const answer = await host.post('/api/setup/createShop', body, undefined, { Origin: origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.body).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) },
      });
    }
    expect(await isSetUp()).toBe(false);

    const own = await host.post('/api/setup/createShop', body, undefined, {
      Origin: host.station.url,
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(own.status).toBe(200);
    expect(await isSetUp()).toBe(true);
  });

  it('sets up over HTTP only with the one-time setup code, which the audit log never sees', async () => {
    const code = host.station.setupCode ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect((await host.post('/api/setup/status', {})).body.data).toMatchObject({
      isSetUp: false,
      setupCodeRequired: true,
    });

    const without = await host.post('/api/setup/createShop', ADMIN);
    expect(without.status).toBe(403);
    expect(without.body.error).toMatchObject({
      code: 'forbidden',
      fields: { setupCode: 'required' },
    });
    const wrong = await host.post('/api/setup/createShop', {
      ...ADMIN,
      setupCode: createSetupCode().code,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.fields).toEqual({ setupCode: 'wrong' });
    expect(await isSetUp()).toBe(false);

    // Typed by hand: case, spaces and dashes do not matter.
    const typed = code.toLowerCase().replaceAll('-', ' ');
    const created = await host.post('/api/setup/createShop', { ...ADMIN, setupCode: typed });
    expect(created.status).toBe(200);
    const admin = created.body.data.token as string;
    expect((await host.post('/api/setup/status', {})).body.data).toEqual({
      isSetUp: true,
      shopName: ADMIN.shopName,
    });
    const again = await host.post('/api/setup/createShop', { ...ADMIN, setupCode: code });
    expect(again.status).toBe(409);

    const audit = await host.post('/api/audit/list', {}, admin);
    const details = JSON.stringify(audit.body.data);
    expect(details).toContain('setup.createShop');
    expect(details).not.toContain(code);
    expect(details).not.toContain(typed);
  });

  it('asks for no code when the shop was set up before the station started', async () => {
    // The desktop app sets up over IPC, with no code; the station then starts on that shop.
    await host.fx.call('setup.createShop', ADMIN);
    await host.restart();
    expect(host.station.setupCode).toBeNull();
    expect((await host.post('/api/setup/status', {})).body.data).toEqual({
      isSetUp: true,
      shopName: ADMIN.shopName,
    });
  });
});

describe('the setup code', () => {
  it('accepts itself however it is typed, nothing else, and nothing once spent', () => {
    const setupCode = createSetupCode();
    expect(setupCode.accepts(setupCode.code)).toBe(true);
    expect(setupCode.accepts(` ${setupCode.code.toLowerCase().replaceAll('-', '')} `)).toBe(true);
    expect(setupCode.accepts(createSetupCode().code)).toBe(false);
    expect(setupCode.accepts(undefined)).toBe(false);
    expect(setupCode.accepts(`${setupCode.code}-0`)).toBe(false);
    setupCode.spend();
    expect(setupCode.isActive()).toBe(false);
    expect(setupCode.accepts(setupCode.code)).toBe(false);
  });
});
