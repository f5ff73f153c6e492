import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../../shared/domain/preferences';
import { LOCALE_TAGS } from './locale';

const NOW_WINDOW_MS = 10_000;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * Numbers, money and times in the UI language: Persian gets its digits and calendar, Russian
 * and Chinese their own plural rules for "5 minutes ago", so no message needs a plural form.
 */
export function useFormats() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  return useMemo(() => {
    const tag = LOCALE_TAGS[language];
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    const number = new Intl.NumberFormat(tag);
    const money = new Map<string, { format: Intl.NumberFormat; digits: number }>();
    return {
      dateTime: (epochMs: number) => dateTime.format(epochMs),
      date: (epochMs: number) => date.format(epochMs),
      number: (value: number) => number.format(value),
      /** "3 minutes ago", "in 20 seconds": `now` comes from `useNow`, so it keeps moving. */
      relative: (epochMs: number, now: number) => {
        const diff = epochMs - now;
        // `now` ticks every few seconds: anything this close reads "now", never "in 2 seconds"
        // for something that has just happened.
        if (Math.abs(diff) < NOW_WINDOW_MS) return relative.format(0, 'second');
        const [unit, size] = UNITS.find(([, ms]) => Math.abs(diff) >= ms * 0.9) ?? [
          'second',
          1_000,
        ];
        return relative.format(Math.round(diff / size), unit);
      },
      /** A price kept in minor units (kopecks, fen…), never a float, shown in its currency. */
      money: (minor: number, currency: string) => {
        let entry = money.get(currency);
        if (!entry) {
          try {
            const format = new Intl.NumberFormat(tag, { style: 'currency', currency });
            entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
          } catch {
            // An unknown currency code: show the amount with the code beside it.
            entry = { format: new Intl.NumberFormat(tag, { minimumFractionDigits: 2 }), digits: 2 };
          }
          money.set(currency, entry);
        }
        const text = entry.format.format(minor / 10 ** entry.digits);
        return entry.format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
      },
    };
  }, [language]);
}

export type Formats = ReturnType<typeof useFormats>;

/** The current time, refreshed every `intervalMs`, for relative times that stay true. */
export function useNow(intervalMs = 5_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
