import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { SettingsSection } from './SettingsSection';

type PasswordValues = MethodInput<'auth.changePassword'> & { confirmPassword: string };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => {
      void message.success(t('settings.passwordChanged'));
      form.resetFields();
    },
    onError: errors.report,
  });

  return (
    <SettingsSection title={t('settings.passwordTitle')}>
      <Form<PasswordValues>
        form={form}
        name="changePassword"
        layout="vertical"
        requiredMark={false}
        onFinish={({ currentPassword, newPassword }) => {
          errors.clear();
          change.mutate({ currentPassword, newPassword });
        }}
      >
        {errors.message !== null && (
          <Alert type="error" showIcon title={errors.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="currentPassword"
          label={t('settings.currentPassword')}
          rules={[rules.required]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('settings.newPassword')} rules={rules.password}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('settings.confirmPassword')}
          dependencies={['newPassword']}
          rules={[rules.required, rules.sameAs('newPassword')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('settings.changePassword')}
        </Button>
      </Form>
    </SettingsSection>
  );
}
