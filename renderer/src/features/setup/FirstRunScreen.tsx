import { Alert, Button, Form, Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { ApiCallError } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { devicePreferences } from '../../session/device-preferences';
import { useSessionActions } from '../../session/useSessionActions';
import { AuthLayout } from '../../components/AuthLayout';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { takeSetupCodeFromAddress } from './setup-code-from-address';

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
  // A station set up over HTTP asks for the code printed on its console; the desktop app never.
  const status = useApiQuery(queryKeys.setupStatus, 'setup.status', {});
  const [codeFromAddress] = useState(takeSetupCodeFromAddress);
  const asksForCode = status.data?.setupCodeRequired === true;
  // Sent before setup.status answered, there was no code field to mark: said above the form.
  const [codeUnasked, setCodeUnasked] = useState(false);
  const createShop = useApiMutation('setup.createShop', {
    onSuccess: signIn,
    onError: (failure) => {
      if (!(failure instanceof ApiCallError && failure.error.fields?.['setupCode'])) {
        errors.report(failure);
      } else if (asksForCode) {
        form.setFields([{ name: 'setupCode', errors: [t('setup.setupCodeWrong')] }]);
      } else {
        setCodeUnasked(true);
        void status.refetch();
      }
    },
  });
  // The field appears once setup.status answers, after the shop name took focus: the code is
  // the first thing to type, so it takes focus unless the address brought it.
  const codeRef = useRef<InputRef>(null);
  useEffect(() => {
    if (asksForCode && !form.getFieldValue('setupCode')) codeRef.current?.focus();
  }, [asksForCode, form]);
  const formMessage = errors.message ?? (codeUnasked ? t('setup.setupCodeNeeded') : null);

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')}>
      <Form<FirstRunValues>
        form={form}
        name="firstRun"
        layout="vertical"
        requiredMark={false}
        initialValues={{ setupCode: codeFromAddress }}
        onFinish={({ confirmPassword: _confirm, ...values }) => {
          errors.clear();
          setCodeUnasked(false);
          // The language picked above the form becomes the Administrator's own preference.
          createShop.mutate({ ...values, language: devicePreferences.get().language });
        }}
      >
        {formMessage !== null && (
          <Alert type="error" showIcon title={formMessage} style={{ marginBottom: 16 }} />
        )}
        {asksForCode && (
          <Form.Item
            name="setupCode"
            label={t('setup.setupCode')}
            extra={t('setup.setupCodeHelp')}
            rules={[rules.required]}
          >
            <Input
              ref={codeRef}
              dir="ltr"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
            />
          </Form.Item>
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
