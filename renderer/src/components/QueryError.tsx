import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text';

/** A screen's data could not be read; the rest of the shell keeps working. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(t, error)}
      action={<Button onClick={onRetry}>{t('app.retry')}</Button>}
    />
  );
}
