import type { ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US';
import faIR from 'antd/locale/fa_IR';
import ruRU from 'antd/locale/ru_RU';
import zhCN from 'antd/locale/zh_CN';
import {
  LANGUAGES,
  RTL_LANGUAGES,
  isLanguage,
  type Language,
} from '../../../shared/domain/preferences';

/** BCP 47 tags for `lang` and Intl; `zh` is Simplified Chinese as written in mainland China. */
export const LOCALE_TAGS: Record<Language, string> = {
  en: 'en',
  ru: 'ru',
  zh: 'zh-CN',
  fa: 'fa-IR',
};

export const ANTD_LOCALES: Record<Language, NonNullable<ConfigProviderProps['locale']>> = {
  en: enUS,
  ru: ruRU,
  zh: zhCN,
  fa: faIR,
};

export function isRtl(language: Language) {
  return RTL_LANGUAGES.includes(language);
}

/** The first of the browser's preferred languages that we ship, else English. */
export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return LANGUAGES[0];
}
