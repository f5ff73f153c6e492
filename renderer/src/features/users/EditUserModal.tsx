import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import type { User } from '../../../../shared/schemas/users.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { useRoleOptions } from './useRoleOptions';

type EditUserValues = Required<Pick<MethodInput<'users.update'>, 'displayName' | 'role'>>;

/** Name and role. A role change signs the user out everywhere, so the new rights apply at once. */
export function EditUserModal({
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
  const [form] = Form.useForm<EditUserValues>();
  const rules = useFieldRules();
  const roleOptions = useRoleOptions();
  const errors = useApiFormErrors(form);
  const update = useApiMutation('users.update', {
    onSuccess: () => {
      void message.success(t('users.saved'));
      onClose();
    },
    onError: errors.report,
  });

  return (
    <FormModal<EditUserValues>
      name="editUser"
      title={t('users.editTitle', { name: user?.displayName ?? '' })}
      open={open}
      form={form}
      submitText={t('users.save')}
      pending={update.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={(values) => {
        if (!user) return;
        errors.clear();
        update.mutate({ userId: user.id, ...values });
      }}
    >
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        initialValue={user?.displayName}
        rules={rules.displayName}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        initialValue={user?.role}
        rules={[rules.required]}
      >
        <Select options={roleOptions} virtual={false} />
      </Form.Item>
    </FormModal>
  );
}
