import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/client';
import { connectOzonErrorText } from '../../renderer/src/features/settings/connect-ozon-error';
import { errorText } from '../../renderer/src/i18n/error-text';
import { en } from '../../renderer/src/i18n/locales/en';
import { fa } from '../../renderer/src/i18n/locales/fa';
import { ru } from '../../renderer/src/i18n/locales/ru';
import { zh } from '../../renderer/src/i18n/locales/zh';

const LOCALES = { en, ru, zh, fa };

/** Each language's t(), initialised like the renderer's (no HTML escaping: React does it). */
async function translators(): Promise<Record<string, TFunction>> {
  const entries = await Promise.all(
    Object.entries(LOCALES).map(async ([language, translation]) => {
      const i18n = i18next.createInstance();
      await i18n.init({
        resources: { [language]: { translation } },
        lng: language,
        interpolation: { escapeValue: false },
      });
      return [language, i18n.t] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function rateLimited(retryAfterSeconds: number) {
  return new ApiCallError({ code: 'rate_limited', message: 'slow down', retryAfterSeconds });
}

function inEachLanguage(say: (t: TFunction) => string) {
  return translators().then((ts) =>
    Object.fromEntries(Object.entries(ts).map(([language, t]) => [language, say(t)])),
  );
}

describe('words a person reads', () => {
  it('a long sign-in lock is said in minutes, in each language and its digits', async () => {
    expect(await inEachLanguage((t) => errorText(t, rateLimited(900)))).toEqual({
      en: 'Too many attempts. Try again in 15 minutes.',
      ru: 'Слишком много попыток. Повторите через 15 минут.',
      zh: '尝试次数过多，请15分钟后重试。',
      fa: 'تلاش‌های بیش از حد. ۱۵ دقیقه بعد دوباره تلاش کنید.',
    });
    // Under a minute stays in seconds; a part minute rounds up, never to "in 0 minutes".
    const short = await inEachLanguage((t) => errorText(t, rateLimited(8)));
    expect(short.en).toBe('Too many attempts. Try again in 8 seconds.');
    expect((await inEachLanguage((t) => errorText(t, rateLimited(61)))).en).toBe(
      'Too many attempts. Try again in 2 minutes.',
    );
  });

  it("Ozon's own rate limit in the connect form is said in minutes too", async () => {
    expect(await inEachLanguage((t) => connectOzonErrorText(t, rateLimited(120)))).toEqual({
      en: 'Ozon is limiting requests right now. Try again in 2 minutes.',
      ru: 'Ozon сейчас ограничивает частоту запросов. Повторите через 2 минуты.',
      zh: 'Ozon 正在限制请求频率，请2分钟后重试。',
      fa: 'Ozon فعلاً تعداد درخواست‌ها را محدود کرده است. ۲ دقیقه بعد دوباره تلاش کنید.',
    });
  });

  it('addresses in a sentence are isolated left-to-right, so Persian does not reorder them', () => {
    for (const messages of Object.values(LOCALES)) {
      const text = messages.marketplace.baseUrlNotAllowed;
      expect(text).toContain('\u2066https://api-seller.ozon.ru\u2069');
      expect(text).toContain('\u2066http://127.0.0.1:<port>\u2069');
    }
  });

  it("a resource's wait reason and the rest going on are one sentence with the language's stops", async () => {
    const said = await inEachLanguage((t) =>
      t('sync.waitingReason', { reason: t('sync.errorKind.rate_limited') }),
    );
    expect(said.en).toBe(
      'The marketplace asked us to slow down. Everything else keeps syncing meanwhile.',
    );
    expect(said.zh).toBe('平台要求降低请求频率。其他数据照常同步。');
    expect(said.zh).not.toContain('. ');
    for (const text of Object.values(said)) expect(text).not.toContain('{{');
  });
});
