import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiMutation';
import { useSession } from '../../session/useSession';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { SettingsSection } from './SettingsSection';

interface PinValues {
  currentPassword: string;
  pin?: string;
}

/** Setting or clearing your PIN asks for your password: a PIN is a key to your account. */
export function MyPinForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<PinValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const setPin = useApiMutation('auth.setPin', {
    onSuccess: (_data, { pin }) => {
      void message.success(pin === null ? t('settings.pinCleared') : t('settings.pinSaved'));
      form.resetFields();
    },
    onError: errors.report,
  });

  const submit = async (clearing: boolean) => {
    errors.clear();
    const fields = clearing
      ? (['currentPassword'] as const)
      : (['currentPassword', 'pin'] as const);
    try {
      const values = await form.validateFields([...fields]);
      setPin.mutate({
        currentPassword: values.currentPassword,
        pin: clearing ? null : (values.pin ?? null),
      });
    } catch {
      // antd has marked the invalid fields.
    }
  };

  return (
    <SettingsSection title={t('settings.pinTitle')}>
      <Typography.Paragraph>{t('settings.pinIntro')}</Typography.Paragraph>
      <Typography.Paragraph strong>
        {user.hasPin ? t('settings.pinIsSet') : t('settings.pinIsNotSet')}
      </Typography.Paragraph>
      <Form<PinValues>
        form={form}
        name="myPin"
        layout="vertical"
        requiredMark={false}
        onFinish={() => void submit(false)}
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
        <Form.Item name="pin" label={t('settings.newPin')} rules={[rules.pin]}>
          <Input.Password inputMode="numeric" autoComplete="off" maxLength={8} />
        </Form.Item>
        <Flex gap="small" wrap>
          <Button type="primary" htmlType="submit" loading={setPin.isPending}>
            {t('settings.savePin')}
          </Button>
          {user.hasPin && (
            <Button danger disabled={setPin.isPending} onClick={() => void submit(true)}>
              {t('settings.clearPin')}
            </Button>
          )}
        </Flex>
      </Form>
    </SettingsSection>
  );
}
