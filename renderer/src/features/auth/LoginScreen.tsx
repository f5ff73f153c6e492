import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiMutation } from '../../api/useApiMutation';
import { useSessionActions } from '../../session/useSessionActions';
import { AuthLayout } from '../../components/AuthLayout';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';

type LoginValues = MethodInput<'auth.login'>;

export function LoginScreen({ shopName }: { shopName: string | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const { signIn } = useSessionActions();
  const login = useApiMutation('auth.login', { onSuccess: signIn, onError: errors.report });

  return (
    <AuthLayout title={t('login.title')} subtitle={shopName}>
      <Form<LoginValues>
        form={form}
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          errors.clear();
          login.mutate(values);
        }}
      >
        {errors.message !== null && (
          <Alert type="error" showIcon title={errors.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="username" label={t('login.username')} rules={[rules.required]}>
          <Input autoFocus autoComplete="username" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[rules.required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
