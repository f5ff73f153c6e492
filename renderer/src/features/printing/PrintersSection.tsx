import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Flex,
  Popconfirm,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useFormats } from '../../i18n/useFormats';
import {
  addressText,
  codePageText,
  languageText,
  paperText,
  transportText,
  USAGES,
  usageText,
} from './printer-labels';
import { PrinterFormModal } from './PrinterFormModal';
import { PrinterStatusView } from './PrinterStatusView';
import { usePrintCheck } from './usePrintCheck';
import { usePrinters, type Printer } from './usePrinting';

/** The printer stays set while the dialog closes, so its title does not change mid-animation. */
interface Dialog {
  open: boolean;
  printer: Printer | null;
}

function TestPageButton({ printer }: { printer: Printer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const check = usePrintCheck();
  const [checking, setChecking] = useState(false);
  const testPage = useApiMutation('printers.testPage', {
    onSuccess: () => void message.success(t('printing.testPageQueued', { name: printer.name })),
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <Button
      type="link"
      loading={checking || testPage.isPending}
      onClick={() => {
        setChecking(true);
        void check(printer)
          .then((go) => {
            if (go) testPage.mutate({ printerId: printer.id });
          })
          .finally(() => setChecking(false));
      }}
    >
      {t('printing.testPage')}
    </Button>
  );
}

export function PrintersSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formats = useFormats();
  const printers = usePrinters();
  const [dialog, setDialog] = useState<Dialog>({ open: false, printer: null });
  const remove = useApiMutation('printers.remove', {
    onSuccess: () => void message.success(t('printing.removed')),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const columns: TableColumnsType<Printer> = [
    {
      key: 'name',
      title: t('printing.printer'),
      render: (_, printer) => (
        <Flex vertical>
          <Typography.Text strong>{printer.name}</Typography.Text>
          <Typography.Text type="secondary">
            {transportText(t, printer.transport)} · <bdi dir="ltr">{addressText(printer)}</bdi>
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'format',
      title: t('printing.format'),
      render: (_, printer) => (
        <Flex vertical>
          <span>
            {languageText(t, printer.language)} · {paperText(t, printer.paper)}
          </span>
          <Typography.Text type="secondary">
            {t('printing.dpiValue', { dpi: formats.number(printer.dpi) })}
            {printer.language === 'escpos' && <> · {codePageText(t, printer.codePage)}</>}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'usage',
      title: t('printing.usedFor'),
      render: (_, printer) => {
        const used = USAGES.filter((usage) => printer.usage[usage]);
        return used.length === 0 ? (
          <Typography.Text type="secondary">{t('printing.usedForNothing')}</Typography.Text>
        ) : (
          <Flex vertical>
            {used.map((usage) => (
              <span key={usage}>{usageText(t, usage)}</span>
            ))}
            {printer.usage.labels && (
              <Typography.Text type="secondary">
                {t(`printing.labelSources.${printer.labelSource}`)}
              </Typography.Text>
            )}
            {printer.usage.receipts && printer.packingSlipOnComplete && (
              <Typography.Text type="secondary">{t('printing.slipOnComplete')}</Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'status',
      title: t('printing.status'),
      render: (_, printer) => <PrinterStatusView printer={printer} />,
    },
    {
      key: 'actions',
      title: t('printing.actions'),
      // Kept in view when the table scrolls sideways on a narrow window (either direction).
      fixed: 'end',
      render: (_, printer) => (
        <Space size={0} wrap>
          <TestPageButton printer={printer} />
          {manage && (
            <>
              <Button type="link" onClick={() => setDialog({ open: true, printer })}>
                {t('printing.edit')}
              </Button>
              <Popconfirm
                title={t('printing.confirmRemove', { name: printer.name })}
                description={<div style={{ maxWidth: 320 }}>{t('printing.confirmRemoveText')}</div>}
                okText={t('printing.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate({ printerId: printer.id })}
              >
                <Button type="link" danger>
                  {t('printing.remove')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  const list = printers.data ?? [];
  return (
    <>
      {manage && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDialog({ open: true, printer: null })}
          >
            {t('printing.addPrinter')}
          </Button>
        </Flex>
      )}
      {printers.isError ? (
        <QueryError error={printers.error} onRetry={() => void printers.refetch()} />
      ) : (
        <Table<Printer>
          aria-label={t('printing.printersTable')}
          rowKey="id"
          loading={printers.isPending}
          columns={columns}
          dataSource={list}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: manage
              ? t('printing.noPrintersBackOffice')
              : t('printing.noPrintersCounter'),
          }}
        />
      )}
      {manage && (
        <PrinterFormModal
          open={dialog.open}
          printer={dialog.printer}
          onClose={() => setDialog((current) => ({ ...current, open: false }))}
        />
      )}
    </>
  );
}
