import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { hrefFor } from '../../navigation/router';
import { isBackOffice } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats, useNow } from '../../i18n/useFormats';
import { AccountHealth } from './AccountHealth';
import { ActionStateTag } from './ActionStateTag';
import { AlertCard } from './AlertCard';
import { actionName, subjectText } from './labels';
import { useAccounts, useAlerts, useOutbox, type OutboxAction } from './useSyncData';

function Region({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 24 }}>
      <Typography.Title id={headingId} level={2} style={{ fontSize: 18 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function RejectedActions({ action }: { action: OutboxAction }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = (error: unknown) => void message.error(errorText(t, error));
  const retry = useApiMutation('outbox.retry', {
    onSuccess: () => void message.success(t('sync.retried')),
    onError,
  });
  const discard = useApiMutation('outbox.discard', {
    onSuccess: () => void message.success(t('sync.discarded')),
    onError,
  });
  return (
    <Space size={0} wrap>
      <Button
        type="link"
        loading={retry.isPending}
        onClick={() => retry.mutate({ actionId: action.id })}
      >
        {t('sync.retry')}
      </Button>
      <Popconfirm
        title={t('sync.discardTitle')}
        description={<div style={{ maxWidth: 320 }}>{t('sync.discardConfirm')}</div>}
        okText={t('sync.discard')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => discard.mutate({ actionId: action.id })}
      >
        <Button type="link" danger loading={discard.isPending}>
          {t('sync.discard')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const formats = useFormats();
  const now = useNow();
  const accounts = useAccounts();
  const outbox = useOutbox();
  const alerts = useAlerts();
  const backOffice = isBackOffice(user.role);
  const accountName = (id: number) => accounts.data?.find((a) => a.id === id)?.name ?? '';
  const postingHref = (postingNumber: string) =>
    `${hrefFor('orders')}?posting=${encodeURIComponent(postingNumber)}`;

  const columns: TableColumnsType<OutboxAction> = [
    {
      key: 'action',
      title: t('sync.action'),
      render: (_, action) => (
        <Flex vertical>
          <span>{actionName(t, action.action)}</span>
          <Typography.Text type="secondary">{subjectText(t, action.subject)}</Typography.Text>
        </Flex>
      ),
    },
    ...((accounts.data?.length ?? 0) > 1
      ? [
          {
            key: 'account',
            title: t('sync.store'),
            render: (_: unknown, a: OutboxAction) => accountName(a.accountId),
          },
        ]
      : []),
    {
      key: 'state',
      title: t('sync.state'),
      dataIndex: 'state',
      render: (state: OutboxAction['state']) => <ActionStateTag state={state} />,
    },
    {
      key: 'createdAt',
      title: t('sync.queuedAt'),
      dataIndex: 'createdAt',
      render: (at: number) => (
        <span style={{ whiteSpace: 'nowrap' }} title={formats.dateTime(at)}>
          {formats.relative(at, now)}
        </span>
      ),
    },
    {
      key: 'attempts',
      title: t('sync.attempts'),
      dataIndex: 'attempts',
      render: (attempts: number) => formats.number(attempts),
    },
    {
      key: 'next',
      title: t('sync.nextAttempt'),
      render: (_, action) =>
        action.state === 'rejected' ? (
          <Typography.Text type="secondary">{t('sync.waitsForPerson')}</Typography.Text>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }} title={formats.dateTime(action.nextAttemptAt)}>
            {formats.relative(action.nextAttemptAt, now)}
          </span>
        ),
    },
    {
      key: 'error',
      title: t('sync.lastError'),
      render: (_: unknown, action: OutboxAction) =>
        action.lastError === null ? (
          <Typography.Text type="secondary">{t('sync.none')}</Typography.Text>
        ) : (
          <Flex vertical>
            {action.lastErrorKind && (
              <Typography.Text>{t(`sync.errorKind.${action.lastErrorKind}`)}</Typography.Text>
            )}
            <Typography.Text
              type="secondary"
              lang="en"
              dir="ltr"
              style={{ display: 'inline-block', maxWidth: 360, wordBreak: 'break-word' }}
            >
              {action.lastError}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      key: 'actions',
      title: t('sync.actions'),
      render: (_, action) =>
        action.state === 'rejected' ? (
          backOffice ? (
            <RejectedActions action={action} />
          ) : (
            <Typography.Text type="secondary">{t('sync.backOfficeOnly')}</Typography.Text>
          )
        ) : null,
    },
  ];

  const openActions = outbox.data ?? [];
  const openAlerts = alerts.data ?? [];
  const nothingWaiting =
    outbox.isSuccess && alerts.isSuccess && openActions.length === 0 && openAlerts.length === 0;

  return (
    <>
      <PageTitle>{t('sync.title')}</PageTitle>
      {accounts.isError ? (
        <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.isSuccess && accounts.data.length === 0 ? (
        <Card>
          <Typography.Paragraph style={{ margin: 0 }}>
            {backOffice ? (
              <>
                {t('sync.noStoreBackOffice')}{' '}
                <a href={hrefFor('settings')}>{t('sync.goToSettings')}</a>
              </>
            ) : (
              t('sync.noStoreCounter')
            )}
          </Typography.Paragraph>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {(accounts.data ?? []).map((account) => (
            <Col key={account.id} xs={24} xl={12}>
              <Card loading={accounts.isPending}>
                <section aria-label={account.name}>
                  <AccountHealth account={account} headingLevel={2} />
                </section>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {nothingWaiting ? (
        <Card style={{ marginTop: 24 }}>
          <Empty description={t('sync.nothingWaiting')} />
        </Card>
      ) : (
        <>
          <Region title={t('sync.alertsTitle')}>
            {alerts.isError ? (
              <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />
            ) : openAlerts.length === 0 ? (
              <Typography.Text type="secondary">{t('sync.noAlerts')}</Typography.Text>
            ) : (
              <Flex vertical gap="small">
                {openAlerts.map((alert) => (
                  <AlertCard
                    key={alert.id}
                    alert={alert}
                    postingLink={
                      <a href={postingHref(alert.postingNumber)}>{alert.postingNumber}</a>
                    }
                  />
                ))}
              </Flex>
            )}
          </Region>
          <Region title={t('sync.outboxTitle')}>
            {outbox.isError ? (
              <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
            ) : (
              <Table<OutboxAction>
                aria-label={t('sync.outboxTable')}
                rowKey="id"
                size="small"
                loading={outbox.isPending}
                columns={columns}
                dataSource={openActions}
                pagination={
                  openActions.length > 100 ? { pageSize: 100, showSizeChanger: false } : false
                }
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('sync.queueEmpty') }}
              />
            )}
          </Region>
        </>
      )}
    </>
  );
}
