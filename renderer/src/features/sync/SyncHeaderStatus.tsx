import { CloudSyncOutlined, SyncOutlined } from '@ant-design/icons';
import { Badge, Button, ConfigProvider, Divider, Drawer, Flex, Spin, Typography } from 'antd';
import { Fragment, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../navigation/router';
import { isBackOffice } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { QueryError } from '../../components/QueryError';
import { useFormats } from '../../i18n/useFormats';
import { AccountHealth } from './AccountHealth';
import { HealthTag } from './HealthTag';
import { healthOf, useAccounts, useAlerts, type Account } from './useSyncData';

/**
 * The header's marketplace sync status, always visible: per account its connection, how many
 * actions wait to be sent and a red count of what needs a person (rejected actions, open
 * alerts). The button opens a panel with the details and "Sync now".
 */
export function SyncHeaderStatus() {
  const { t } = useTranslation();
  const formats = useFormats();
  const { user } = useSession();
  const { direction } = useContext(ConfigProvider.ConfigContext);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const accounts = useAccounts();
  const alerts = useAlerts();

  const alertsFor = (account: Account) =>
    alerts.data?.filter((alert) => alert.accountId === account.id).length ?? 0;
  const attentionFor = (account: Account) => account.sync.rejected + alertsFor(account);

  const list = accounts.data ?? [];
  const parts = list.map((account) => {
    const words = [
      account.name,
      t(`sync.health.${healthOf(account)}`),
      account.sync.open === 0
        ? t('sync.allSent')
        : t('sync.waiting', { count: formats.number(account.sync.open) }),
    ];
    const attention = attentionFor(account);
    if (attention > 0) words.push(t('sync.attention', { count: formats.number(attention) }));
    return words.join(', ');
  });
  const summary = accounts.isPending
    ? t('app.loading')
    : accounts.isError
      ? t('sync.unknownStatus')
      : list.length === 0
        ? t('sync.noStore')
        : parts.join('; ');

  return (
    <div role="status" aria-label={t('sync.headerLabel')}>
      <Button
        ref={trigger}
        aria-label={`${t('sync.headerLabel')}: ${summary}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        style={{ height: 'auto', minHeight: 32, paddingBlock: 2, whiteSpace: 'normal' }}
      >
        <Flex align="center" gap="small" wrap>
          <CloudSyncOutlined aria-hidden />
          {accounts.isPending && <Spin size="small" />}
          {!accounts.isPending && list.length === 0 && (
            <Typography.Text type={accounts.isError ? 'danger' : 'warning'}>
              {summary}
            </Typography.Text>
          )}
          {list.map((account, index) => (
            <Fragment key={account.id}>
              {index > 0 && <Divider orientation="vertical" />}
              <Flex align="center" gap={6}>
                <span>{account.name}</span>
                <HealthTag account={account} />
                {account.sync.isSyncing && <SyncOutlined spin aria-hidden />}
                <Typography.Text {...(account.sync.open === 0 && { type: 'secondary' as const })}>
                  {account.sync.open === 0
                    ? t('sync.allSent')
                    : t('sync.waiting', { count: formats.number(account.sync.open) })}
                </Typography.Text>
                {attentionFor(account) > 0 && (
                  <Badge
                    count={attentionFor(account)}
                    overflowCount={99}
                    title={t('sync.attention', { count: formats.number(attentionFor(account)) })}
                  />
                )}
              </Flex>
            </Fragment>
          ))}
        </Flex>
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        // Back to the button that opened it, so the keyboard carries on where it was.
        afterOpenChange={(visible) => {
          if (!visible) trigger.current?.focus();
        }}
        title={t('sync.headerLabel')}
        placement={direction === 'rtl' ? 'left' : 'right'}
        size={440}
        footer={
          <a href={hrefFor('sync')} onClick={() => setOpen(false)}>
            {t('sync.openSyncPage')}
          </a>
        }
      >
        {accounts.isError ? (
          <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : list.length === 0 ? (
          <Typography.Paragraph>
            {isBackOffice(user.role) ? (
              <>
                {t('sync.noStoreBackOffice')}{' '}
                <a href={hrefFor('settings')} onClick={() => setOpen(false)}>
                  {t('sync.goToSettings')}
                </a>
              </>
            ) : (
              t('sync.noStoreCounter')
            )}
          </Typography.Paragraph>
        ) : (
          <Flex vertical gap="large">
            {list.map((account) => (
              <section key={account.id} aria-label={account.name}>
                <AccountHealth account={account} headingLevel={2} />
                {alertsFor(account) > 0 && (
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    <a href={hrefFor('sync')} onClick={() => setOpen(false)}>
                      {t('sync.openAlerts', { count: formats.number(alertsFor(account)) })}
                    </a>
                  </Typography.Paragraph>
                )}
              </section>
            ))}
          </Flex>
        )}
      </Drawer>
    </div>
  );
}
