import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { ApiCallError } from '../../renderer/src/api/client';
import { connectOzonErrorText } from '../../renderer/src/features/settings/connect-ozon-error';
import { en } from '../../renderer/src/i18n/locales/en';
import { fa } from '../../renderer/src/i18n/locales/fa';
import { ru } from '../../renderer/src/i18n/locales/ru';
import { zh } from '../../renderer/src/i18n/locales/zh';
import { setUpShop } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

/**
 * A 429 on the credentials check (`/v1/roles`) while connecting an Ozon store, over the station's
 * HTTP API as a Manager, against the sandbox marketplace with its `rate_limit` fault.
 */
let host: TestStation;
let sandbox: Sandbox;
let manager: string;

function post(path: string, body: unknown, token: string) {
  return host.post(path, body, token);
}

beforeEach(async () => {
  host = await startTestStation();
  const admin = await setUpShop(host.fx);
  await host.fx.call(
    'users.create',
    { username: 'mia', displayName: 'Mia', role: 'manager', password: 'manager-password' },
    admin,
  );
  manager = (await host.fx.call('auth.login', { username: 'mia', password: 'manager-password' }))
    .token;
  sandbox = await startSandbox({ port: 0, seed: 7 });
});
afterEach(async () => {
  await host.dispose();
  await sandbox.close();
});

function connect() {
  return post(
    '/api/accounts/connectOzon',
    { name: 'Sandbox', clientId: sandbox.clientId, apiKey: sandbox.apiKey, baseUrl: sandbox.url },
    manager,
  );
}

function rateLimitRoles(count: number, retryAfterSeconds: number) {
  sandbox.control.setFaults([{ path: '/v1/roles', kind: 'rate_limit', count, retryAfterSeconds }]);
}

const rolesFired = () => sandbox.control.faults()[0]?.fired;

describe('connecting while Ozon rate-limits /v1/roles', () => {
  it('one 429 with Retry-After: 1 is waited out and retried once: the store connects', async () => {
    rateLimitRoles(1, 1);
    const reply = await connect();
    expect({ status: reply.status, ok: reply.body.ok }).toEqual({ status: 200, ok: true });
    expect(reply.body.data).toMatchObject({ name: 'Sandbox', clientId: sandbox.clientId });
    expect(rolesFired()).toBe(1);
  });

  it('two 429s answer rate_limited (HTTP 429 with Retry-After), not unreachable, and save nothing', async () => {
    rateLimitRoles(2, 1);
    const reply = await connect();
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    // Exactly one retry: the first 429 and the second, no third call.
    expect(rolesFired()).toBe(2);
    expect((await post('/api/accounts/list', {}, manager)).body.data).toEqual([]);

    // What the connect form shows for this very reply, in each language.
    const shown: Record<string, string> = {};
    for (const [language, translation] of Object.entries({ en, ru, zh, fa })) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { [language]: { translation } }, lng: language });
      shown[language] = connectOzonErrorText(i18n.t, new ApiCallError(reply.body.error));
    }
    expect(shown).toEqual({
      en: 'Ozon is limiting requests right now. Try again in 1 second.',
      ru: 'Ozon сейчас ограничивает частоту запросов. Повторите через 1 секунду.',
      zh: 'Ozon 正在限制请求频率，请1秒钟后重试。',
      fa: 'Ozon فعلاً تعداد درخواست‌ها را محدود کرده است. ۱ ثانیه بعد دوباره تلاش کنید.',
    });
  });

  it('a long Retry-After is not waited out inside the request: rate_limited at once', async () => {
    rateLimitRoles(2, 120);
    const reply = await connect();
    expect(reply.status).toBe(429);
    expect(reply.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 120 });
    expect(rolesFired()).toBe(1);
  });
});
