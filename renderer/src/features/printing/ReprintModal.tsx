import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { documentText } from './printer-labels';
import { usePrintCheck } from './usePrintCheck';
import type { PrintJob } from './usePrinting';

interface ReprintValues {
  reason: string;
}

/**
 * A finished job printed again as a new job. The reason is required and kept with the new job,
 * so a second label for one parcel can always be explained.
 */
export function ReprintModal({
  job,
  open,
  onClose,
}: {
  job: PrintJob | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReprintValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const check = usePrintCheck();
  const reprint = useApiMutation('printing.reprint', {
    onSuccess: (created) => {
      void message.success(t('printing.reprint.queued', { id: created.id }));
      onClose();
    },
    onError: errors.report,
  });
  const document = job ? documentText(t, job) : '';

  return (
    <FormModal<ReprintValues>
      name="reprint"
      title={t('printing.reprint.title', { document })}
      open={open}
      form={form}
      submitText={t('printing.reprint.submit')}
      pending={reprint.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ reason }) => {
        if (!job) return;
        errors.clear();
        void check({ id: job.printerId, name: job.printerName }).then((go) => {
          if (go) reprint.mutate({ jobId: job.id, reason: reason.trim() });
        });
      }}
    >
      <Typography.Paragraph>
        {job?.mayHavePrinted
          ? t('printing.reprint.mayHavePrinted', { printer: job.printerName })
          : t('printing.reprint.intro', { printer: job?.printerName ?? '' })}
      </Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('printing.reprint.reason')}
        extra={t('printing.reprint.reasonHint')}
        rules={[
          rules.required,
          {
            validator: (_rule, value: unknown) => {
              const length = typeof value === 'string' ? value.trim().length : 0;
              if (length === 0 || (length >= 3 && length <= 200)) return Promise.resolve();
              return Promise.reject(new Error(t('printing.reprint.reasonLength')));
            },
          },
        ]}
      >
        <Input.TextArea autoFocus rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
