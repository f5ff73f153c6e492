import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text';
import { useFormats } from '../../i18n/useFormats';
import { ReasonText } from './ReasonText';
import { usePrinterStatus, type Printer, type PrinterStatus } from './usePrinting';

const STATE_COLORS: Record<PrinterStatus['state'], string> = {
  ready: 'success',
  paper_out: 'error',
  cover_open: 'error',
  offline: 'error',
  unknown: 'default',
};

/**
 * What the printer itself last said, with a button to ask again. The reason is shown under the
 * translated state when it says more than the state does ("Offline": cannot be reached).
 */
export function PrinterStatusView({ printer }: { printer: Printer }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const status = usePrinterStatus(printer.id);
  const checking = status.isFetching;
  return (
    <Flex vertical gap={2} style={{ minWidth: 160 }}>
      <Flex align="center" gap="small" wrap>
        {/* A live region, so a status that changes after "Check" is announced. */}
        <span role="status" aria-label={t('printing.statusOf', { name: printer.name })}>
          {status.data ? (
            <Tag color={STATE_COLORS[status.data.state]}>
              {t(`printing.states.${status.data.state}`)}
            </Tag>
          ) : status.isError ? (
            <Tag color="warning">{t('printing.statusUnread')}</Tag>
          ) : (
            <Tag>{t('printing.checking')}</Tag>
          )}
        </span>
        <Button
          size="small"
          icon={<ReloadOutlined aria-hidden />}
          loading={checking}
          onClick={() => void status.refetch()}
        >
          {t('printing.checkStatus')}
        </Button>
      </Flex>
      {status.data && status.data.reasonCode !== status.data.state && (
        <ReasonText
          code={status.data.reasonCode}
          english={status.data.reason}
          style={{ maxWidth: 280 }}
        />
      )}
      {status.isError && (
        <Typography.Text type="secondary">{errorText(t, status.error)}</Typography.Text>
      )}
      {status.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('printing.checkedAt', { time: formats.dateTime(status.data.checkedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
