import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { errorText } from '../../i18n/error-text';
import { useFormats, useNow } from '../../i18n/useFormats';
import { HealthTag } from './HealthTag';
import type { Account } from './useSyncData';

/** "3 minutes ago (12 May 2025, 14:03)": the relative time reads fast, the absolute one is exact. */
export function When({ at, now }: { at: number; now: number }) {
  const formats = useFormats();
  return (
    <time dateTime={new Date(at).toISOString()}>
      {formats.relative(at, now)}{' '}
      <Typography.Text type="secondary">({formats.dateTime(at)})</Typography.Text>
    </time>
  );
}

/**
 * Everything about one account's sync, in plain words, with "Sync now". Used in the header's
 * sync panel and on the Sync page, so both always say the same.
 */
export function AccountHealth({
  account,
  headingLevel,
}: {
  account: Account;
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formats = useFormats();
  const now = useNow();
  const { sync } = account;
  const syncNow = useApiMutation('accounts.syncNow', {
    onSuccess: (updated) => void message.success(t('sync.synced', { name: updated.name })),
    onError: (error) => void message.error(errorText(t, error)),
  });
  const none = <Typography.Text type="secondary">{t('sync.none')}</Typography.Text>;
  const when = (at: number | null, empty: ReactNode = none) =>
    at === null ? empty : <When at={at} now={now} />;

  const problems: ReactNode[] = [];
  if (sync.connection === 'offline') {
    problems.push(
      <Alert
        key="offline"
        type="error"
        showIcon
        title={t('sync.offlineTitle')}
        description={t('sync.offlineHint')}
      />,
    );
  }
  if (sync.connection === 'auth_failed') {
    problems.push(
      <Alert
        key="auth"
        type="error"
        showIcon
        title={t('sync.authFailedTitle')}
        description={t('sync.authFailedHint')}
      />,
    );
  }
  if (account.credentialsWarning === 'expired' && account.credentialsExpireAt !== null) {
    problems.push(
      <Alert
        key="expired"
        type="error"
        showIcon
        title={t('sync.keyExpired', { date: formats.date(account.credentialsExpireAt) })}
        description={t('sync.keyHint')}
      />,
    );
  }
  if (account.credentialsWarning === 'expiring' && account.credentialsExpireAt !== null) {
    problems.push(
      <Alert
        key="expiring"
        type="warning"
        showIcon
        title={t('sync.keyExpiring', {
          when: formats.relative(account.credentialsExpireAt, now),
          date: formats.date(account.credentialsExpireAt),
        })}
        description={t('sync.keyHint')}
      />,
    );
  }
  // A resource waiting out a 429 or a backoff is said, never silent; the others go on.
  for (const wait of sync.waiting) {
    const resource = t(`sync.resources.${wait.resource}`);
    problems.push(
      <Alert
        key={`waiting-${wait.resource}`}
        type="warning"
        showIcon
        title={
          wait.until > now
            ? t('sync.resourceWaiting', { resource, when: formats.relative(wait.until, now) })
            : t('sync.resourceRetrying', { resource })
        }
        description={
          <Flex vertical>
            <span>
              {t('sync.waitingReason', { reason: t(`sync.errorKind.${wait.errorKind}`) })}
            </span>
            <Typography.Text
              type="secondary"
              lang="en"
              dir="ltr"
              style={{ wordBreak: 'break-word' }}
            >
              {wait.error}
            </Typography.Text>
          </Flex>
        }
      />,
    );
  }
  if (sync.rejected > 0) {
    problems.push(
      <Alert
        key="rejected"
        type="error"
        showIcon
        title={t('sync.rejectedTitle', { count: formats.number(sync.rejected) })}
        description={t('sync.rejectedHint')}
      />,
    );
  }
  // Products the marketplace gave no SKU: their orders cannot be matched until it gives one.
  const withoutSku = sync.productsWithoutSku;
  if (withoutSku.count > 0) {
    problems.push(
      <Alert
        key="withoutSku"
        type="error"
        showIcon
        title={t('sync.productsWithoutSkuTitle', { count: formats.number(withoutSku.count) })}
        description={
          <Flex vertical>
            <span>{t('sync.productsWithoutSkuHint')}</span>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {withoutSku.products.map((product) => (
                <li key={product.productId}>
                  <bdi dir="ltr">{product.offerId}</bdi> — <bdi>{product.name}</bdi>
                </li>
              ))}
            </ul>
            {withoutSku.count > withoutSku.products.length && (
              <span>
                {t('sync.productsWithoutSkuMore', {
                  count: formats.number(withoutSku.count - withoutSku.products.length),
                })}
              </span>
            )}
          </Flex>
        }
      />,
    );
  }

  return (
    <Flex vertical gap="small">
      <Flex align="center" gap="small" wrap>
        <Typography.Title level={headingLevel} style={{ fontSize: 16, margin: 0 }}>
          {account.name}
        </Typography.Title>
        {account.isDemo && <Tag>{t('sync.demo')}</Tag>}
        <HealthTag account={account} />
        {sync.isSyncing && (
          <Typography.Text type="secondary">
            <SyncOutlined spin aria-hidden /> {t('sync.syncing')}
          </Typography.Text>
        )}
      </Flex>
      {problems}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'lastPull',
            label: t('sync.lastPull'),
            children: when(sync.lastPullAt, t('sync.never')),
          },
          {
            key: 'queue',
            label: t('sync.queue'),
            children:
              sync.open === 0
                ? t('sync.allSent')
                : t('sync.waiting', { count: formats.number(sync.open) }),
          },
          { key: 'oldest', label: t('sync.oldest'), children: when(sync.oldestOpenAt) },
          {
            key: 'lastError',
            label: t('sync.lastError'),
            children:
              sync.lastError === null ? (
                none
              ) : (
                <Flex vertical>
                  <span>{t(`sync.errorMeaning.${sync.connection}`)}</span>
                  <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                    {sync.lastErrorAt !== null && <When at={sync.lastErrorAt} now={now} />}
                    {' — '}
                    <span lang="en" dir="ltr">
                      {sync.lastError}
                    </span>
                  </Typography.Text>
                </Flex>
              ),
          },
          { key: 'nextAttempt', label: t('sync.nextAttempt'), children: when(sync.nextAttemptAt) },
          { key: 'nextPull', label: t('sync.nextPull'), children: when(sync.nextPullAt) },
          {
            key: 'key',
            label: t('sync.apiKey'),
            children:
              account.credentialsExpireAt === null
                ? t('sync.keyUnknown')
                : t('sync.keyValidUntil', { date: formats.date(account.credentialsExpireAt) }),
          },
        ]}
      />
      <div>
        <Button
          icon={<SyncOutlined aria-hidden />}
          loading={syncNow.isPending}
          onClick={() => syncNow.mutate({ accountId: account.id })}
        >
          {t('sync.syncNow')}
        </Button>
      </div>
    </Flex>
  );
}
