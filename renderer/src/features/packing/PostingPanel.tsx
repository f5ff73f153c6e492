import {
  Card,
  Descriptions,
  Empty,
  Progress,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { PackingSession } from '../../../../shared/schemas/packing.schema';
import { useFormats } from '../../i18n/useFormats';

type Line = PackingSession['lines'][number];

/** The open posting and its lines: what to take, from where, and how many are ticked. */
export function PostingPanel({
  session,
  lastSku,
}: {
  session: PackingSession | null;
  /** The product the last good scan ticked, to show the packer where it went. */
  lastSku: string | null;
}) {
  const { t } = useTranslation();
  const formats = useFormats();

  if (!session) {
    return (
      <Card>
        <Empty description={t('packing.noPosting')} />
      </Card>
    );
  }
  const total = session.lines.reduce((sum, line) => sum + line.quantity, 0);
  const packed = session.lines.reduce((sum, line) => sum + Math.min(line.packed, line.quantity), 0);

  const columns: TableColumnsType<Line> = [
    {
      key: 'image',
      title: t('packing.image'),
      width: 72,
      render: (_, line) =>
        line.imageUrl ? (
          <img
            src={line.imageUrl}
            alt={line.name}
            width={56}
            height={56}
            loading="lazy"
            style={{ objectFit: 'contain' }}
            // An image the network or the policy refuses leaves the name to do the work.
            onError={(event) => (event.currentTarget.style.visibility = 'hidden')}
          />
        ) : null,
    },
    {
      key: 'name',
      title: t('packing.product'),
      render: (_, line) => (
        <>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {line.name}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" dir="ltr">
            {line.offerId}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'location',
      title: t('packing.location'),
      width: 120,
      render: (_, line) =>
        line.location ? (
          <Typography.Text strong dir="ltr">
            {line.location}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('packing.noLocation')}</Typography.Text>
        ),
    },
    {
      key: 'quantity',
      title: t('packing.quantity'),
      width: 90,
      align: 'end',
      render: (_, line) => (
        <Typography.Text strong style={{ fontSize: 20 }}>
          {formats.number(line.quantity)}
        </Typography.Text>
      ),
    },
    {
      key: 'packed',
      title: t('packing.packed'),
      width: 90,
      align: 'end',
      render: (_, line) => (
        <Typography.Text
          strong
          style={{ fontSize: 20 }}
          {...(line.packed >= line.quantity && { type: 'success' as const })}
        >
          {formats.number(line.packed)}
        </Typography.Text>
      ),
    },
    {
      key: 'progress',
      title: t('packing.progress'),
      width: 160,
      render: (_, line) => (
        <Progress
          percent={line.quantity === 0 ? 100 : Math.round((line.packed / line.quantity) * 100)}
          status={line.packed >= line.quantity ? 'success' : 'active'}
          aria-label={t('packing.lineProgress', {
            name: line.name,
            packed: formats.number(line.packed),
            total: formats.number(line.quantity),
          })}
        />
      ),
    },
  ];

  return (
    <Card
      title={
        <span>
          {t('packing.posting')}{' '}
          <span dir="ltr" style={{ fontSize: 20 }}>
            {session.postingNumber}
          </span>
        </span>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'order',
            label: t('packing.order'),
            children: <span dir="ltr">{session.orderNumber}</span>,
          },
          {
            key: 'shipBy',
            label: t('packing.shipBy'),
            children: session.shipmentDate === null ? '—' : formats.dateTime(session.shipmentDate),
          },
          {
            key: 'carrier',
            label: t('packing.carrier'),
            children: session.deliveryMethod ?? '—',
          },
        ]}
      />
      <div style={{ margin: '12px 0' }}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          {t('packing.unitsPacked', {
            packed: formats.number(packed),
            total: formats.number(total),
          })}
        </Typography.Text>
        <Progress
          percent={total === 0 ? 0 : Math.round((packed / total) * 100)}
          aria-label={t('packing.unitsPacked', {
            packed: formats.number(packed),
            total: formats.number(total),
          })}
        />
      </div>
      <Table<Line>
        rowKey="sku"
        size="middle"
        pagination={false}
        columns={columns}
        dataSource={session.lines}
        aria-label={t('packing.lines')}
        rowClassName={(line) => (line.sku === lastSku ? 'ant-table-row-selected' : '')}
      />
    </Card>
  );
}
