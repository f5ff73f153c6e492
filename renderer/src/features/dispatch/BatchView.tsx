import { Alert, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchBatch } from '../../../../shared/schemas/packing.schema';
import { useFormats } from '../../i18n/useFormats';

type Package = DispatchBatch['packages'][number];

/** A batch's packages; an open one can be closed, a closed one's manifest printed again. */
export function BatchView({
  batch,
  onClose,
  onPrint,
  busy,
  printMessage,
}: {
  batch: DispatchBatch;
  onClose: () => void;
  onPrint: () => void;
  busy: boolean;
  printMessage: { type: 'success' | 'error'; text: string } | null;
}) {
  const { t } = useTranslation();
  const formats = useFormats();
  const columns: TableColumnsType<Package> = [
    {
      key: 'posting',
      title: t('dispatch.posting'),
      render: (_, pkg) => <span dir="ltr">{pkg.postingNumber}</span>,
    },
    {
      key: 'package',
      title: t('dispatch.package'),
      width: 110,
      align: 'end',
      render: (_, pkg) => formats.number(pkg.packageIndex),
    },
    {
      key: 'scannedAt',
      title: t('dispatch.scannedAt'),
      render: (_, pkg) => formats.dateTime(pkg.scannedAt),
    },
  ];
  const title =
    batch.state === 'open'
      ? t('dispatch.openBatchTitle', { id: formats.number(batch.id), carrier: batch.carrier })
      : t('dispatch.closedBatchTitle', { id: formats.number(batch.id), carrier: batch.carrier });
  return (
    <Card
      title={title}
      extra={
        batch.state === 'open' ? (
          <Button type="primary" danger loading={busy} onClick={onClose}>
            {t('dispatch.close')}
          </Button>
        ) : (
          <Button loading={busy} onClick={onPrint}>
            {t('dispatch.printManifest')}
          </Button>
        )
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text strong style={{ fontSize: 18 }}>
          {t('dispatch.packageCount', {
            count: batch.packages.length,
            n: formats.number(batch.packages.length),
          })}
        </Typography.Text>
        {printMessage && <Alert type={printMessage.type} showIcon title={printMessage.text} />}
        <Table<Package>
          rowKey={(pkg) => `${pkg.postingNumber}:${pkg.packageIndex}`}
          size="small"
          pagination={false}
          columns={columns}
          dataSource={batch.packages}
          aria-label={t('dispatch.packages')}
          locale={{ emptyText: t('dispatch.noPackages') }}
        />
      </Flex>
    </Card>
  );
}
