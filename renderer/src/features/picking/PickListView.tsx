import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickList } from '../../../../shared/schemas/packing.schema';
import { ApiCallError } from '../../api/client';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats } from '../../i18n/useFormats';

type Line = PickList['lines'][number];

/** One pick list in walking order, and its Print button. */
export function PickListView({ pickListId }: { pickListId: number }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const list = useApiQuery(['picking', 'get', pickListId], 'picking.get', { pickListId });
  const [printed, setPrinted] = useState(false);
  const print = useApiMutation('printing.printPickList', {
    onMutate: () => setPrinted(false),
    onSuccess: () => setPrinted(true),
  });

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  const columns: TableColumnsType<Line> = [
    {
      key: 'location',
      title: t('picking.location'),
      width: 130,
      render: (_, line) =>
        line.location ? (
          <Typography.Text strong dir="ltr">
            {line.location}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('picking.noLocation')}</Typography.Text>
        ),
    },
    {
      key: 'product',
      title: t('picking.product'),
      render: (_, line) => (
        <>
          {line.name}
          <br />
          <Typography.Text type="secondary" dir="ltr">
            {line.offerId}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'quantity',
      title: t('picking.quantity'),
      width: 100,
      align: 'end',
      render: (_, line) => (
        <Typography.Text strong>{formats.number(line.quantity)}</Typography.Text>
      ),
    },
    {
      key: 'postings',
      title: t('picking.postings'),
      width: 100,
      align: 'end',
      render: (_, line) => formats.number(line.postings),
    },
  ];
  const printError =
    print.error instanceof ApiCallError && print.error.code === 'invalid_state'
      ? t('picking.noPrinter')
      : print.error
        ? errorText(t, print.error)
        : null;

  return (
    <Card
      loading={list.isPending}
      title={data ? t('picking.listTitle', { id: formats.number(data.id) }) : ''}
      extra={
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          loading={print.isPending}
          disabled={!data}
          onClick={() => print.mutate({ pickListId })}
        >
          {t('picking.print')}
        </Button>
      }
    >
      {data && (
        <Flex vertical gap="middle">
          <Typography.Text>
            {t('picking.summary', {
              postings: formats.number(data.postingNumbers.length),
              units: formats.number(data.lines.reduce((sum, line) => sum + line.quantity, 0)),
              created: formats.dateTime(data.createdAt),
            })}
          </Typography.Text>
          {printError !== null && <Alert type="error" showIcon title={printError} />}
          {printed && <Alert type="success" showIcon title={t('picking.printQueued')} />}
          <Table<Line>
            rowKey={(line) => `${line.sku}|${line.location ?? ''}`}
            size="small"
            pagination={false}
            columns={columns}
            dataSource={data.lines}
            aria-label={t('picking.lines')}
          />
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('picking.postingList')} <span dir="ltr">{data.postingNumbers.join(', ')}</span>
          </Typography.Paragraph>
        </Flex>
      )}
    </Card>
  );
}
