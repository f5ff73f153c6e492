import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiMutation } from '../../api/useApiMutation';
import { useSession } from '../../session/useSession';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { SettingsSection } from './SettingsSection';

type ShopValues = MethodInput<'shop.update'>;

export function ShopSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { shop } = useSession();
  const [form] = Form.useForm<ShopValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const update = useApiMutation('shop.update', {
    onSuccess: () => void message.success(t('settings.shopSaved')),
    onError: errors.report,
  });

  return (
    <SettingsSection title={t('settings.shop')}>
      <Form<ShopValues>
        form={form}
        name="shop"
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: shop.name }}
        onFinish={(values) => {
          errors.clear();
          update.mutate(values);
        }}
      >
        {errors.message !== null && (
          <Alert type="error" showIcon title={errors.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="name" label={t('settings.shopName')} rules={rules.displayName}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('settings.saveShop')}
        </Button>
      </Form>
    </SettingsSection>
  );
}
