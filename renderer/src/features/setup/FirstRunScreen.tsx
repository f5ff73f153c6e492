import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiMutation } from '../../api/useApiMutation';
import { devicePreferences } from '../../app/device-preferences';
import { useSessionActions } from '../../app/useSessionActions';
import { AuthLayout } from '../../components/AuthLayout';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';

type FirstRunValues = Omit<MethodInput<'setup.createShop'>, 'language'> & {
  confirmPassword: string;
};

/** Shown until the core reports a shop: names it and creates its first Administrator. */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FirstRunValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const { signIn } = useSessionActions();
  const createShop = useApiMutation('setup.createShop', {
    onSuccess: signIn,
    onError: errors.report,
  });

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')}>
      <Form<FirstRunValues>
        form={form}
        name="firstRun"
        layout="vertical"
        requiredMark={false}
        onFinish={({ confirmPassword: _confirm, ...values }) => {
          errors.clear();
          // The language picked above the form becomes the Administrator's own preference.
          createShop.mutate({ ...values, language: devicePreferences.get().language });
        }}
      >
        {errors.message !== null && (
          <Alert type="error" showIcon title={errors.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="shopName" label={t('setup.shopName')} rules={rules.displayName}>
          <Input autoFocus autoComplete="organization" />
        </Form.Item>
        <Form.Item name="username" label={t('setup.username')} rules={rules.username}>
          <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t('setup.displayName')} rules={rules.displayName}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="password" label={t('setup.password')} rules={rules.password}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('setup.confirmPassword')}
          dependencies={['password']}
          rules={[rules.required, rules.sameAs('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={createShop.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
