import { Alert, App, Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { errorText } from '../../i18n/error-text';
import { useFormats, useNow } from '../../i18n/useFormats';
import { alertAdvice, alertTitle } from './labels';
import type { SyncAlert } from './useSyncData';

/** A remote change that contradicts local work, what to do about it, and "Mark as dealt with". */
export function AlertCard({ alert, postingLink }: { alert: SyncAlert; postingLink?: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formats = useFormats();
  const now = useNow();
  const resolve = useApiMutation('alerts.resolve', {
    onSuccess: () => void message.success(t('sync.resolved')),
    onError: (error) => void message.error(errorText(t, error)),
  });
  const advice = alertAdvice(t, alert.kind);
  return (
    <Alert
      type="error"
      showIcon
      title={
        <span>
          {alertTitle(t, alert.kind)} · <bdi dir="ltr">{postingLink ?? alert.postingNumber}</bdi>
        </span>
      }
      description={
        <Flex vertical gap={4}>
          {advice && <span>{advice}</span>}
          <Typography.Text type="secondary">
            {formats.relative(alert.createdAt, now)} ({formats.dateTime(alert.createdAt)}) —{' '}
            <span lang="en" dir="ltr">
              {alert.message}
            </span>
          </Typography.Text>
        </Flex>
      }
      action={
        <Button
          size="small"
          loading={resolve.isPending}
          onClick={() => resolve.mutate({ alertId: alert.id })}
        >
          {t('sync.resolve')}
        </Button>
      }
    />
  );
}
