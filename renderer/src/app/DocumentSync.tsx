import { theme as antTheme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Theme } from '../../../shared/domain/preferences';
import { LOCALE_TAGS, isRtl } from '../i18n/locale';

/**
 * Applies the language and theme outside React's tree: i18next, `<html lang dir>` (screen
 * readers, fonts, native controls) and the page background behind antd's layout.
 */
export function DocumentSync({ language, theme }: { language: Language; theme: Theme }) {
  const { i18n } = useTranslation();
  const { token } = antTheme.useToken();

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = LOCALE_TAGS[language];
    document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
  }, [i18n, language]);

  useEffect(() => {
    document.documentElement.style.colorScheme = theme;
    document.body.style.margin = '0';
    document.body.style.background = token.colorBgLayout;
  }, [theme, token.colorBgLayout]);

  return null;
}
