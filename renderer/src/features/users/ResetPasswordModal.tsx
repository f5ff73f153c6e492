import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/schemas/users.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';

interface ResetPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({
  open,
  user,
  onClose,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const reset = useApiMutation('users.resetPassword', {
    onSuccess: () => {
      void message.success(t('users.passwordReset'));
      onClose();
    },
    onError: errors.report,
  });

  return (
    <FormModal<ResetPasswordValues>
      name="resetPassword"
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      open={open}
      form={form}
      submitText={t('users.setPassword')}
      pending={reset.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ newPassword }) => {
        if (!user) return;
        errors.clear();
        reset.mutate({ userId: user.id, newPassword });
      }}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form.Item name="newPassword" label={t('users.newPassword')} rules={rules.password}>
        <Input.Password autoFocus autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('settings.confirmPassword')}
        dependencies={['newPassword']}
        rules={[rules.required, rules.sameAs('newPassword')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
