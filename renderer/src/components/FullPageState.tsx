import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex component="main" align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('app.loading')} />
    </Flex>
  );
}

/** The core did not answer, or answered something we cannot continue from. */
export function FullPageError({
  error,
  onRetry,
  extra,
}: {
  error: unknown;
  onRetry: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex component="main" align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Result
        status="warning"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('app.unreachable')}</h1>}
        subTitle={<span role="alert">{errorText(t, error)}</span>}
        extra={
          <Flex gap="small" justify="center">
            <Button type="primary" onClick={onRetry}>
              {t('app.retry')}
            </Button>
            {extra}
          </Flex>
        }
      />
    </Flex>
  );
}
