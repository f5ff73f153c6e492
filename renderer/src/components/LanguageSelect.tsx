import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain/preferences';
import { LOCALE_TAGS } from '../i18n/locale';

interface LanguageSelectProps {
  id?: string;
  value?: Language;
  onChange?: (language: Language) => void;
  disabled?: boolean;
}

/** Each language is named in itself, so someone who cannot read the current one finds theirs. */
export function LanguageSelect(props: LanguageSelectProps) {
  const { t } = useTranslation();
  return (
    <Select<Language>
      {...props}
      style={{ minWidth: 160 }}
      // A short list: unvirtualised, every option is a real `role=option` for assistive tech.
      virtual={false}
      options={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={LOCALE_TAGS[language]}>{t(`languages.${language}`)}</span>,
        title: t(`languages.${language}`),
      }))}
    />
  );
}
