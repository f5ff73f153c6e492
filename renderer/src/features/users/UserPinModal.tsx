import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/schemas/users.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';

interface PinValues {
  pin: string;
}

export function UserPinModal({
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
  const [form] = Form.useForm<PinValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const setPin = useApiMutation('users.setPin', {
    onSuccess: (_data, { pin }) => {
      void message.success(pin === null ? t('users.pinCleared') : t('users.pinSaved'));
      onClose();
    },
    onError: errors.report,
  });

  return (
    <FormModal<PinValues>
      name="userPin"
      title={t('users.pinTitle', { name: user?.displayName ?? '' })}
      open={open}
      form={form}
      submitText={t('users.savePin')}
      pending={setPin.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ pin }) => {
        if (!user) return;
        errors.clear();
        setPin.mutate({ userId: user.id, pin });
      }}
      extraActions={
        user?.hasPin && (
          <Button
            danger
            disabled={setPin.isPending}
            onClick={() => {
              errors.clear();
              setPin.mutate({ userId: user.id, pin: null });
            }}
          >
            {t('users.clearPin')}
          </Button>
        )
      }
    >
      <Form.Item name="pin" label={t('users.newPin')} rules={[rules.required, rules.pin]}>
        <Input.Password autoFocus inputMode="numeric" autoComplete="off" maxLength={8} />
      </Form.Item>
    </FormModal>
  );
}
