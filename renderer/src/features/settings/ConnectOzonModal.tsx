import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { OZON_BASE_URL_PATTERN } from '../../../../shared/domain/ozon-endpoint';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { connectOzonErrorText } from './connect-ozon-error';

type OzonValues = MethodInput<'accounts.connectOzon'>;

/** Client-Id and API key from the Ozon seller account; the core checks them before saving. */
export function ConnectOzonModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OzonValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const [failure, setFailure] = useState<unknown>(null);
  const connect = useApiMutation('accounts.connectOzon', {
    onSuccess: (account) => {
      void message.success(t('marketplace.connected', { name: account.name }));
      onClose();
    },
    onError: (error) => {
      setFailure(error);
      errors.report(error);
    },
  });

  return (
    <FormModal<OzonValues>
      name="connectOzon"
      title={t('marketplace.ozonTitle')}
      open={open}
      form={form}
      submitText={connect.isPending ? t('marketplace.checking') : t('marketplace.checkAndConnect')}
      pending={connect.isPending}
      error={errors.message === null ? null : connectOzonErrorText(t, failure)}
      onClose={onClose}
      onSubmit={({ baseUrl, ...values }) => {
        errors.clear();
        connect.mutate({ ...values, ...(baseUrl?.trim() ? { baseUrl: baseUrl.trim() } : {}) });
      }}
    >
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined aria-hidden />}
        title={t('marketplace.checkHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="name"
        label={t('marketplace.storeName')}
        rules={rules.displayName}
        initialValue="Ozon"
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="clientId"
        label={t('marketplace.clientId')}
        extra={t('marketplace.clientIdHint')}
        rules={[
          rules.required,
          { pattern: /^\s*\d{1,20}\s*$/, message: t('marketplace.clientIdFormat') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="off" spellCheck={false} dir="ltr" />
      </Form.Item>
      <Form.Item
        name="apiKey"
        label={t('marketplace.apiKey')}
        rules={[
          rules.required,
          { min: 8, message: t('marketplace.apiKeyLength') },
          { max: 200, message: t('validation.tooLong', { max: 200 }) },
        ]}
      >
        <Input.Password autoComplete="off" spellCheck={false} dir="ltr" />
      </Form.Item>
      <details>
        <summary style={{ cursor: 'pointer', marginBottom: 8 }}>
          {t('marketplace.advanced')}
        </summary>
        <Form.Item
          name="baseUrl"
          label={t('marketplace.baseUrl')}
          extra={t('marketplace.baseUrlHint')}
          rules={[
            {
              transform: (value?: string) => value?.trim().toLowerCase(),
              pattern: OZON_BASE_URL_PATTERN,
              message: t('marketplace.baseUrlNotAllowed'),
            },
          ]}
        >
          <Input
            placeholder="https://api-seller.ozon.ru"
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
          />
        </Form.Item>
      </details>
    </FormModal>
  );
}
