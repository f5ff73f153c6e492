import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';

/** Ozon's cancellation reasons for a seller; "other" needs a message for the marketplace. */
const REASONS = ['352', '400', '402'] as const;
const OTHER_REASON = '402';

interface CancelValues {
  reasonId: (typeof REASONS)[number];
  message?: string;
}

export function CancelPostingModal({
  postingNumber,
  open,
  onClose,
}: {
  postingNumber: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CancelValues>();
  const reasonId = Form.useWatch('reasonId', form);
  const errors = useApiFormErrors(form);
  const cancel = useApiMutation('postings.cancel', {
    onSuccess: () => {
      void message.success(t('orders.cancelQueued', { number: postingNumber }));
      onClose();
    },
    onError: errors.report,
  });
  const messageRequired = reasonId === OTHER_REASON;

  return (
    <FormModal<CancelValues>
      name="cancelPosting"
      title={t('orders.cancelTitle', { number: postingNumber })}
      open={open}
      form={form}
      submitText={t('orders.cancelSubmit')}
      cancelText={t('orders.keepPosting')}
      pending={cancel.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ reasonId: reason, message: text }) => {
        errors.clear();
        cancel.mutate({
          postingNumber,
          reasonId: reason,
          ...(text?.trim() ? { message: text.trim() } : {}),
        });
      }}
    >
      <Form.Item
        name="reasonId"
        label={t('orders.reason')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        {/* Unvirtualised so each reason is a real `role=option` for assistive tech. */}
        <Select
          autoFocus
          virtual={false}
          options={REASONS.map((value) => ({ value, label: t(`orders.reasons.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="message"
        label={t('orders.cancelMessage')}
        extra={messageRequired ? t('orders.cancelMessageRequired') : t('orders.cancelMessageHint')}
        dependencies={['reasonId']}
        rules={[
          {
            required: messageRequired,
            whitespace: true,
            message: t('validation.required'),
          },
          { max: 500, message: t('validation.tooLong', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
