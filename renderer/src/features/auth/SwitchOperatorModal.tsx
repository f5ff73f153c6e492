import { Alert, Empty, Form, Input, Modal, Radio, Spin, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { ApiCallError } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { useSession } from '../../session/useSession';
import { useSessionActions } from '../../session/useSessionActions';
import { errorText } from '../../i18n/error-text';

type SwitchValues = MethodInput<'auth.switchOperator'>;

/**
 * Hands the station to another person in seconds: pick them (arrow keys, or a click that
 * jumps to the PIN), type the PIN, press Enter. Their session replaces the current one.
 */
export function SwitchOperatorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { signIn } = useSessionActions();
  const [form] = Form.useForm<SwitchValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const pinRef = useRef<InputRef>(null);
  const pickerRef = useRef<HTMLDivElement>(null);
  // Opened only by the counter's roles (the header hides it from a Courier, as the contract does).
  const operators = useApiQuery(queryKeys.operators, 'auth.operators', {}, { enabled: open });
  const candidates = (operators.data ?? []).filter(
    (operator) => operator.username !== user.username,
  );
  const onlyCandidate = candidates.length === 1 ? candidates[0]?.username : undefined;

  const isLoaded = operators.isSuccess;
  useEffect(() => {
    if (!open || !isLoaded) return;
    if (onlyCandidate !== undefined) pinRef.current?.focus();
    else pickerRef.current?.querySelector('input')?.focus();
  }, [open, isLoaded, onlyCandidate]);

  const switchOperator = useApiMutation('auth.switchOperator', {
    onSuccess: (session) => {
      onClose();
      signIn(session);
    },
    onError: (error) => {
      setFailure(error);
      form.setFieldValue('pin', '');
      pinRef.current?.focus();
    },
  });

  const failureText =
    failure instanceof ApiCallError && failure.code === 'invalid_credentials'
      ? t('switchOperator.wrongPin')
      : failure === null
        ? null
        : errorText(t, failure);

  return (
    <Modal
      open={open}
      title={t('switchOperator.title')}
      okText={t('switchOperator.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        htmlType: 'submit',
        loading: switchOperator.isPending,
        disabled: candidates.length === 0,
      }}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setFailure(null)}
      modalRender={(dialog) => (
        <Form<SwitchValues>
          form={form}
          name="switchOperator"
          layout="vertical"
          requiredMark={false}
          clearOnDestroy
          onFinish={(values) => {
            setFailure(null);
            switchOperator.mutate(values);
          }}
        >
          {dialog}
        </Form>
      )}
    >
      {operators.isPending ? (
        <Spin />
      ) : candidates.length === 0 ? (
        <Empty description={t('switchOperator.none')} />
      ) : (
        <>
          {failureText !== null && (
            <Alert type="error" showIcon title={failureText} style={{ marginBottom: 16 }} />
          )}
          {/* Enter on a radio would submit the form with no PIN yet; here it moves to the PIN. */}
          <div
            ref={pickerRef}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
              event.preventDefault();
              pinRef.current?.focus();
            }}
          >
            <Form.Item
              name="username"
              label={t('switchOperator.operator')}
              initialValue={onlyCandidate}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Radio.Group
                aria-label={t('switchOperator.operator')}
                optionType="button"
                style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
                // A click means the choice is made; arrow keys (detail 0) are still browsing.
                onChange={(event) => {
                  if (event.nativeEvent.detail > 0) pinRef.current?.focus();
                }}
                options={candidates.map((operator) => ({
                  value: operator.username,
                  label: `${operator.displayName} (${operator.username})`,
                }))}
              />
            </Form.Item>
          </div>
          <Form.Item
            name="pin"
            label={t('switchOperator.pin')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password ref={pinRef} inputMode="numeric" autoComplete="off" maxLength={8} />
          </Form.Item>
        </>
      )}
    </Modal>
  );
}
