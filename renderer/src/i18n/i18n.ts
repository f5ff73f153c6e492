import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain/preferences';
import { en } from './locales/en';
import { fa } from './locales/fa';
import { ru } from './locales/ru';
import { zh } from './locales/zh';

const resources = {
  en: { translation: en },
  ru: { translation: ru },
  zh: { translation: zh },
  fa: { translation: fa },
} satisfies Record<Language, unknown>;

/** Resources are bundled, so initialisation finishes before the first render. */
export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
