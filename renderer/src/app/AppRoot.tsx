import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { useApiQuery } from '../api/useApiQuery';
import { useToken } from '../api/useToken';
import { FullPageError, FullPageSpin } from '../components/FullPageState';
import { LoginScreen } from '../features/auth/LoginScreen';
import { FirstRunScreen } from '../features/setup/FirstRunScreen';
import { AppShell } from './AppShell';
import { SessionContext } from '../session/session-context';
import { useSessionActions } from '../session/useSessionActions';

function SignedIn() {
  const { t } = useTranslation();
  const { signOut } = useSessionActions();
  const me = useApiQuery(queryKeys.me, 'auth.me', {});
  if (me.isPending) return <FullPageSpin />;
  // `unauthenticated` has already dropped the token, which unmounts this; anything else is
  // worth a retry, with a way out for someone at a shared station.
  if (me.isError) {
    return (
      <FullPageError
        error={me.error}
        onRetry={() => void me.refetch()}
        extra={<Button onClick={() => void signOut()}>{t('header.logout')}</Button>}
      />
    );
  }
  return (
    <SessionContext value={me.data}>
      <AppShell />
    </SessionContext>
  );
}

/** First run, then login, then the shell: decided by the core, never by local flags alone. */
export function AppRoot() {
  const token = useToken();
  const status = useApiQuery(queryKeys.setupStatus, 'setup.status', {});
  if (status.isPending) return <FullPageSpin />;
  if (status.isError)
    return <FullPageError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.isSetUp) return <FirstRunScreen />;
  if (token === null) return <LoginScreen shopName={status.data.shopName} />;
  return <SignedIn />;
}
