import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import { ApiProvider } from '../api/ApiProvider';
import type { PackdeskApi } from '../api/packdesk-api';
import { ANTD_LOCALES, isRtl } from '../i18n/locale';
import { AppRoot } from './AppRoot';
import { DocumentSync } from './DocumentSync';
import { useEffectivePreferences } from './useEffectivePreferences';

function ThemedApp() {
  const { language, theme } = useEffectivePreferences();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      direction={isRtl(language) ? 'rtl' : 'ltr'}
      theme={{ algorithm: theme === 'dark' ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm }}
    >
      <AntApp>
        <DocumentSync language={language} theme={theme} />
        <AppRoot />
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ api }: { api: PackdeskApi }) {
  return (
    <ApiProvider api={api}>
      <ThemedApp />
    </ApiProvider>
  );
}
