import { App, Button, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats, useNow } from '../../i18n/useFormats';
import { JobStateView } from './JobStateView';
import { documentText } from './printer-labels';
import { PreviewModal } from './PreviewModal';
import { ReprintModal } from './ReprintModal';
import { usePrintCheck } from './usePrintCheck';
import { usePrinters, usePrintJobs, type PrintJob } from './usePrinting';

const LIMIT = 100;

interface Dialog {
  kind: 'reprint' | 'preview' | null;
  job: PrintJob | null;
}

function RetryButton({ job }: { job: PrintJob }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const check = usePrintCheck();
  const [checking, setChecking] = useState(false);
  const retry = useApiMutation('printing.retry', {
    onSuccess: () => void message.success(t('printing.retried', { id: job.id })),
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <Button
      type="link"
      loading={checking || retry.isPending}
      onClick={() => {
        setChecking(true);
        void check({ id: job.printerId, name: job.printerName })
          .then((go) => {
            if (go) retry.mutate({ jobId: job.id });
          })
          .finally(() => setChecking(false));
      }}
    >
      {t('printing.retry')}
    </Button>
  );
}

/**
 * Recent jobs, newest first. The core announces `printing.changed` on every state change, so
 * the list follows a job from queued to printed or failed without polling.
 */
export function PrintQueue() {
  const { t } = useTranslation();
  const formats = useFormats();
  const now = useNow();
  const printers = usePrinters();
  const [filter, setFilter] = useState<number | 'all'>('all');
  const jobs = usePrintJobs(filter === 'all' ? null : filter, LIMIT);
  const [dialog, setDialog] = useState<Dialog>({ kind: null, job: null });
  const open = (kind: Dialog['kind'], job: PrintJob) => setDialog({ kind, job });
  const close = () => setDialog((current) => ({ ...current, kind: null }));
  const list = jobs.data ?? [];

  const columns: TableColumnsType<PrintJob> = [
    {
      key: 'id',
      title: t('printing.job'),
      dataIndex: 'id',
      render: (id: number) => t('printing.jobNumber', { id: formats.number(id) }),
    },
    {
      key: 'document',
      title: t('printing.document'),
      render: (_, job) => (
        <Flex vertical>
          <span>{documentText(t, job)}</span>
          <Typography.Text type="secondary">
            {t('printing.sizeBytes', { size: formats.number(job.sizeBytes) })}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'printer', title: t('printing.printer'), dataIndex: 'printerName' },
    {
      key: 'state',
      title: t('printing.state'),
      render: (_, job) => <JobStateView job={job} />,
    },
    {
      key: 'attempts',
      title: t('printing.attempts'),
      dataIndex: 'attempts',
      render: (attempts: number) => formats.number(attempts),
    },
    {
      key: 'created',
      title: t('printing.created'),
      render: (_, job) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }} title={formats.dateTime(job.createdAt)}>
            {formats.relative(job.createdAt, now)}
          </span>
          <Typography.Text type="secondary">
            {job.createdBy ?? t('printing.bySystem')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'reprint',
      title: t('printing.reprintOf'),
      render: (_, job) =>
        job.reprintOf === null ? null : (
          <Flex vertical style={{ maxWidth: 260 }}>
            <span>{t('printing.jobNumber', { id: formats.number(job.reprintOf) })}</span>
            {job.reprintReason && (
              <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                {t('printing.reprintReason', { reason: job.reprintReason })}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    {
      key: 'actions',
      title: t('printing.actions'),
      // Kept in view when the table scrolls sideways on a narrow window (either direction).
      fixed: 'end',
      render: (_, job) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => open('preview', job)}>
            {t('printing.preview.open')}
          </Button>
          {job.state === 'failed' && !job.mayHavePrinted && <RetryButton job={job} />}
          {(job.state === 'printed' || job.state === 'failed') && (
            <Button type="link" onClick={() => open('reprint', job)}>
              {t('printing.reprint.open')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Select<number | 'all'>
          aria-label={t('printing.filterPrinter')}
          value={filter}
          onChange={setFilter}
          virtual={false}
          style={{ minWidth: 220 }}
          options={[
            { value: 'all' as const, label: t('printing.allPrinters') },
            ...(printers.data ?? []).map((printer) => ({ value: printer.id, label: printer.name })),
          ]}
        />
      </Flex>
      {jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<PrintJob>
          aria-label={t('printing.queueTable')}
          rowKey="id"
          size="small"
          loading={jobs.isPending}
          columns={columns}
          dataSource={list}
          pagination={list.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('printing.queueEmpty') }}
        />
      )}
      <ReprintModal job={dialog.job} open={dialog.kind === 'reprint'} onClose={close} />
      <PreviewModal job={dialog.job} open={dialog.kind === 'preview'} onClose={close} />
    </>
  );
}
