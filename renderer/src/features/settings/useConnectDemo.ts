import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { errorText } from '../../i18n/error-text';

/** "Use the Demo store": the core starts a sandbox marketplace and connects it. */
export function useConnectDemo() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useApiMutation('accounts.connectDemo', {
    onSuccess: (account) =>
      void message.success(t('marketplace.connected', { name: account.name })),
    onError: (error) => void message.error(errorText(t, error)),
  });
}
