import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { useRoleOptions } from './useRoleOptions';

type AddUserValues = Omit<MethodInput<'users.create'>, 'pin'> & { pin?: string };

export function AddUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddUserValues>();
  const rules = useFieldRules();
  const roleOptions = useRoleOptions();
  const errors = useApiFormErrors(form);
  const create = useApiMutation('users.create', {
    onSuccess: (user) => {
      void message.success(t('users.created', { name: user.displayName }));
      onClose();
    },
    onError: errors.report,
  });

  return (
    <FormModal<AddUserValues>
      name="addUser"
      title={t('users.add')}
      open={open}
      form={form}
      submitText={t('users.create')}
      pending={create.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ pin, ...values }) => {
        errors.clear();
        create.mutate({ ...values, ...(pin ? { pin } : {}) });
      }}
    >
      <Form.Item name="username" label={t('users.username')} rules={rules.username}>
        <Input autoFocus autoComplete="off" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={rules.displayName}>
        <Input autoComplete="off" />
      </Form.Item>
      {/* Unvirtualised so each role is a real `role=option` for assistive tech. */}
      <Form.Item name="role" label={t('users.role')} initialValue="staff" rules={[rules.required]}>
        <Select options={roleOptions} virtual={false} />
      </Form.Item>
      <Form.Item name="password" label={t('users.password')} rules={rules.password}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="pin"
        label={t('users.pinOptional')}
        extra={t('users.pinHint')}
        rules={[rules.pin]}
      >
        <Input.Password inputMode="numeric" autoComplete="off" maxLength={8} />
      </Form.Item>
    </FormModal>
  );
}
