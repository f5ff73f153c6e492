import { Button, Card, Col, Flex, Form, Row, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchBatch } from '../../../../shared/schemas/packing.schema';
import { ApiCallError } from '../../api/client';
import { usePackdeskApi } from '../../api/usePackdeskApi';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { setRouteParam, useRouteParam } from '../../navigation/router';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats } from '../../i18n/useFormats';
import { useScanEvents } from '../../scanner';
import { ScanHistory } from '../counter/ScanHistory';
import { VerdictBanner } from '../counter/VerdictBanner';
import { BatchView } from './BatchView';
import { useDispatchScans } from './useDispatchScans';

type PrintMessage = { type: 'success' | 'error'; text: string } | null;

/** Hand packed parcels to a carrier: open a batch, scan each package, close, print the manifest. */
export function DispatchPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const { client } = usePackdeskApi();
  const carriers = useApiQuery(['dispatch', 'carriers'], 'dispatch.carriers', {});
  const batches = useApiQuery(['dispatch', 'list'], 'dispatch.list', {});
  const [carrier, setCarrier] = useState<string | null>(null);
  const [printMessage, setPrintMessage] = useState<PrintMessage>(null);
  const requested = Number(useRouteParam('batch') ?? '') || null;
  const list = batches.data ?? [];
  const shown =
    list.find((batch) => batch.id === requested) ??
    list.find((batch) => batch.state === 'open') ??
    null;
  const openBatch = shown?.state === 'open' ? shown : null;
  const { verdict, history, scan } = useDispatchScans(openBatch?.id ?? null);
  useScanEvents(scan, openBatch !== null);

  const printText = (error: unknown) =>
    error instanceof ApiCallError && error.code === 'invalid_state'
      ? t('dispatch.noPrinter')
      : errorText(t, error);

  const open = useApiMutation('dispatch.open', {
    onSuccess: (batch) => {
      setPrintMessage(null);
      setRouteParam('batch', String(batch.id));
    },
  });
  // Closing and printing are two calls: a missing printer must not keep the batch open.
  const close = useApiMutation('dispatch.close', {
    onSuccess: async (batch) => {
      setRouteParam('batch', String(batch.id));
      await printManifest(batch.id);
    },
  });
  const [printing, setPrinting] = useState(false);
  const printManifest = async (batchId: number) => {
    setPrinting(true);
    try {
      await client.call('printing.printManifest', { batchId });
      setPrintMessage({ type: 'success', text: t('dispatch.manifestQueued') });
    } catch (error) {
      setPrintMessage({ type: 'error', text: printText(error) });
    } finally {
      setPrinting(false);
    }
  };

  const closedColumns: TableColumnsType<DispatchBatch> = [
    {
      key: 'id',
      title: t('dispatch.batch'),
      render: (_, batch) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => {
            setPrintMessage(null);
            setRouteParam('batch', String(batch.id));
          }}
        >
          {t('dispatch.batchN', { id: formats.number(batch.id) })}
        </Button>
      ),
    },
    { key: 'carrier', title: t('dispatch.carrier'), render: (_, batch) => batch.carrier },
    {
      key: 'state',
      title: t('dispatch.state'),
      render: (_, batch) => t(`dispatch.states.${batch.state}`),
    },
    {
      key: 'packages',
      title: t('dispatch.packages'),
      align: 'end',
      render: (_, batch) => formats.number(batch.packages.length),
    },
  ];

  return (
    <>
      <PageTitle>{t('dispatch.title')}</PageTitle>
      <Flex vertical gap="middle">
        <Card>
          <Form
            layout="inline"
            aria-label={t('dispatch.openForm')}
            onFinish={() => carrier && open.mutate({ carrier })}
            style={{ rowGap: 8 }}
          >
            <Form.Item label={t('dispatch.carrier')} htmlFor="dispatch-carrier">
              <Select<string>
                id="dispatch-carrier"
                virtual={false}
                value={carrier}
                loading={carriers.isPending}
                placeholder={t('dispatch.chooseCarrier')}
                style={{ minWidth: 280 }}
                onChange={setCarrier}
                notFoundContent={t('dispatch.noCarriers')}
                options={(carriers.data ?? []).map((entry) => ({
                  value: entry.carrier,
                  label: t('dispatch.carrierOption', {
                    carrier: entry.carrier,
                    count: entry.packed,
                    n: formats.number(entry.packed),
                  }),
                }))}
              />
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                disabled={carrier === null}
                loading={open.isPending}
              >
                {t('dispatch.open')}
              </Button>
            </Form.Item>
          </Form>
          {carriers.isError && (
            <QueryError error={carriers.error} onRetry={() => void carriers.refetch()} />
          )}
          {open.isError && <QueryError error={open.error} onRetry={() => open.reset()} />}
        </Card>
        {openBatch && (
          <VerdictBanner
            verdict={verdict.title === null ? { ...verdict, title: t('dispatch.idle') } : verdict}
            label={t('dispatch.verdictLabel')}
          />
        )}
        {close.isError && <QueryError error={close.error} onRetry={() => close.reset()} />}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            {shown ? (
              <BatchView
                batch={shown}
                busy={close.isPending || printing}
                printMessage={printMessage}
                onClose={() => close.mutate({ batchId: shown.id })}
                onPrint={() => void printManifest(shown.id)}
              />
            ) : (
              <Card>{t('dispatch.noBatch')}</Card>
            )}
          </Col>
          <Col xs={24} xl={8}>
            <Flex vertical gap="middle">
              {openBatch && <ScanHistory entries={history} title={t('dispatch.history')} />}
              <Card title={t('dispatch.batches')} size="small">
                {batches.isError ? (
                  <QueryError error={batches.error} onRetry={() => void batches.refetch()} />
                ) : (
                  <Table<DispatchBatch>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    loading={batches.isPending}
                    columns={closedColumns}
                    dataSource={list}
                    aria-label={t('dispatch.batches')}
                    locale={{ emptyText: t('dispatch.noBatches') }}
                  />
                )}
              </Card>
            </Flex>
          </Col>
        </Row>
      </Flex>
    </>
  );
}
