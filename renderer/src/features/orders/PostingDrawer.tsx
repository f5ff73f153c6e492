import { CarryOutOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  ConfigProvider,
  Descriptions,
  Drawer,
  Flex,
  List,
  Spin,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useContext, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { queryKeys } from '../../api/query-keys';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { isBackOffice } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats, useNow } from '../../i18n/useFormats';
import { ActionStateTag } from '../sync/ActionStateTag';
import { AlertCard } from '../sync/AlertCard';
import { actionName } from '../sync/labels';
import { CancelPostingModal } from './CancelPostingModal';
import { LocalStateTag, StatusTag } from './StatusTag';

type PostingDetail = MethodOutput<'postings.get'>;
type Item = PostingDetail['items'][number];

function Part({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 24 }}>
      <Typography.Title id={headingId} level={3} style={{ fontSize: 16 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function PostingBody({ posting }: { posting: PostingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const formats = useFormats();
  const now = useNow();
  const [cancelling, setCancelling] = useState(false);
  const ship = useApiMutation('postings.ship', {
    onSuccess: (updated) =>
      void message.success(t('orders.shipQueued', { number: updated.postingNumber })),
    onError: (error) => void message.error(errorText(t, error)),
  });
  const mayShip = posting.status === 'to_pack' && posting.localState === 'none';
  const mayCancel =
    isBackOffice(user.role) &&
    posting.localState === 'none' &&
    !['cancelled', 'delivered'].includes(posting.status);

  const itemColumns: TableColumnsType<Item> = [
    { key: 'name', title: t('orders.itemName'), dataIndex: 'name' },
    {
      key: 'offerId',
      title: t('orders.offerId'),
      dataIndex: 'offerId',
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    { key: 'sku', title: t('orders.sku'), dataIndex: 'sku' },
    {
      key: 'quantity',
      title: t('orders.quantity'),
      dataIndex: 'quantity',
      align: 'end',
      render: (quantity: number) => formats.number(quantity),
    },
    {
      key: 'price',
      title: t('orders.price'),
      align: 'end',
      render: (_, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formats.money(item.priceMinor, item.currency)}
        </span>
      ),
    },
  ];

  const time = (at: number | null) =>
    at === null ? (
      <Typography.Text type="secondary">{t('sync.none')}</Typography.Text>
    ) : (
      formats.dateTime(at)
    );

  return (
    <>
      {posting.alerts.length > 0 && (
        <Flex vertical gap="small" style={{ marginBottom: 16 }}>
          {posting.alerts.map((alert) => (
            <AlertCard key={alert.id} alert={alert} />
          ))}
        </Flex>
      )}
      {posting.shipFailed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('sync.errorKind.ship_failed')}
        />
      )}
      <Flex gap="small" wrap style={{ marginBottom: 16 }}>
        {mayShip && (
          <Button
            type="primary"
            icon={<CarryOutOutlined aria-hidden />}
            loading={ship.isPending}
            onClick={() => ship.mutate({ postingNumber: posting.postingNumber })}
          >
            {t('orders.ship')}
          </Button>
        )}
        {mayCancel && (
          <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setCancelling(true)}>
            {t('orders.cancel')}
          </Button>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'status',
            label: t('orders.status'),
            children: (
              <Flex gap="small" wrap align="center">
                <StatusTag status={posting.status} />
                <LocalStateTag state={posting.localState} />
                <Typography.Text type="secondary" lang="en" dir="ltr">
                  {posting.marketplaceStatus}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'order', label: t('orders.orderNumber'), children: posting.orderNumber },
          { key: 'created', label: t('orders.created'), children: time(posting.inProcessAt) },
          { key: 'shipBy', label: t('orders.shipBy'), children: time(posting.shipmentDate) },
          ...(posting.deliveryMethod
            ? [
                {
                  key: 'delivery',
                  label: t('orders.deliveryMethod'),
                  children: posting.deliveryMethod,
                },
              ]
            : []),
          ...(posting.trackingNumber
            ? [
                {
                  key: 'tracking',
                  label: t('orders.trackingNumber'),
                  children: posting.trackingNumber,
                },
              ]
            : []),
          ...(posting.cancelReason
            ? [
                {
                  key: 'cancelReason',
                  label: t('orders.cancelReason'),
                  children: posting.cancelReason,
                },
              ]
            : []),
        ]}
      />
      <Part title={t('orders.itemsTitle')}>
        <Table<Item>
          aria-label={t('orders.itemsTitle')}
          rowKey={(item) => `${item.sku}:${item.offerId}`}
          size="small"
          columns={itemColumns}
          dataSource={posting.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Part>
      <Part title={t('orders.queuedTitle')}>
        {posting.actions.length === 0 ? (
          <Typography.Text type="secondary">{t('orders.nothingQueued')}</Typography.Text>
        ) : (
          <List
            size="small"
            bordered
            dataSource={posting.actions}
            renderItem={(action) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex gap="small" align="center" wrap>
                    <span>{actionName(t, action.action)}</span>
                    <ActionStateTag state={action.state} />
                    <Typography.Text type="secondary">
                      {t('orders.queuedAgo', { when: formats.relative(action.createdAt, now) })}
                      {action.attempts > 0 &&
                        ` · ${t('orders.attempts', { count: formats.number(action.attempts) })}`}
                    </Typography.Text>
                  </Flex>
                  {/* ship_failed's own words are the Alert above: said once, not again here. */}
                  {action.lastError && action.lastErrorKind !== 'ship_failed' && (
                    <Typography.Text type={action.state === 'rejected' ? 'danger' : 'secondary'}>
                      {t('sync.lastError')}:{' '}
                      {action.lastErrorKind && `${t(`sync.errorKind.${action.lastErrorKind}`)} — `}
                      <span lang="en" dir="ltr">
                        {action.lastError}
                      </span>
                    </Typography.Text>
                  )}
                  {action.state === 'rejected' && (
                    <Typography.Text>
                      {t('orders.rejectedHint')} <a href="#/sync">{t('sync.openSyncPage')}</a>
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Part>
      <CancelPostingModal
        postingNumber={posting.postingNumber}
        open={cancelling}
        onClose={() => setCancelling(false)}
      />
    </>
  );
}

/** One posting: items, alerts first, what waits to be sent, and what may be done with it. */
export function PostingDrawer({
  postingNumber,
  onClose,
}: {
  postingNumber: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { direction } = useContext(ConfigProvider.ConfigContext);
  const [shown, setShown] = useState(postingNumber);
  // Keep the last number while the drawer slides away, so its title does not go blank.
  if (postingNumber !== null && postingNumber !== shown) setShown(postingNumber);
  const detail = useApiQuery(
    queryKeys.posting(shown ?? ''),
    'postings.get',
    {
      postingNumber: shown ?? '',
    },
    {
      enabled: postingNumber !== null,
      // Queued actions move on without a push event for this posting; follow them while open.
      refetchInterval: 5_000,
    },
  );

  return (
    <Drawer
      open={postingNumber !== null}
      onClose={onClose}
      title={shown ?? ''}
      placement={direction === 'rtl' ? 'left' : 'right'}
      size={640}
    >
      {detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.isPending ? (
        <Spin aria-label={t('app.loading')} />
      ) : (
        <PostingBody posting={detail.data} />
      )}
    </Drawer>
  );
}
