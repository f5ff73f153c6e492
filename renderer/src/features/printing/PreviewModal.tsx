import { Alert, Flex, Modal, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery';
import { errorText } from '../../i18n/error-text';
import { useFormats } from '../../i18n/useFormats';
import { documentText } from './printer-labels';
import { printingKeys, type PrintJob } from './usePrinting';

function PreviewBody({ job }: { job: PrintJob }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const input = { kind: job.kind, documentKey: job.documentKey, printerId: job.printerId };
  const preview = useApiQuery(printingKeys.preview(input), 'printing.preview', input);
  const document = documentText(t, job);

  if (preview.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('printing.preview.unavailable')}
        description={errorText(t, preview.error)}
      />
    );
  }
  if (!preview.data) {
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin aria-label={t('printing.preview.loading')} />
      </Flex>
    );
  }
  return (
    <Flex vertical align="center" gap="small">
      <img
        src={preview.data.dataUrl}
        alt={t('printing.preview.alt', { document, printer: job.printerName })}
        width={preview.data.widthPx}
        height={preview.data.heightPx}
        style={{
          maxWidth: '100%',
          height: 'auto',
          border: '1px solid rgba(128, 128, 128, 0.4)',
          // Thermal paper is white in either theme.
          background: '#fff',
        }}
      />
      <Typography.Text type="secondary">
        {t('printing.preview.size', {
          width: formats.number(preview.data.widthPx),
          height: formats.number(preview.data.heightPx),
        })}
      </Typography.Text>
    </Flex>
  );
}

/**
 * A document as the printer would print it, rendered by the core at the printer's paper size
 * and resolution, shown at most at its real width. A failure is said in words, never a blank.
 */
export function PreviewModal({
  job,
  open,
  onClose,
}: {
  job: PrintJob | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('printing.preview.title', { document: job ? documentText(t, job) : '' })}
      onCancel={onClose}
      footer={null}
      width={720}
      destroyOnHidden
    >
      {job && <PreviewBody job={job} />}
    </Modal>
  );
}
