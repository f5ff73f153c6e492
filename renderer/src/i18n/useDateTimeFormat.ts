import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../../shared/domain/preferences';
import { LOCALE_TAGS } from './locale';

/** Epoch milliseconds as local date and time in the UI language (Persian gets its calendar). */
export function useDateTimeFormat() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(LOCALE_TAGS[language], {
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
    return (epochMs: number) => format.format(epochMs);
  }, [language]);
}
