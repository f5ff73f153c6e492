import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/schemas/users.schema';
import { queryKeys } from '../../api/query-keys';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { useSession } from '../../session/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat';
import { AddUserModal } from './AddUserModal';
import { EditUserModal } from './EditUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserPinModal } from './UserPinModal';

/** The user stays set while a dialog closes, so its title does not change during the animation. */
interface Dialog {
  kind: 'add' | 'edit' | 'password' | 'pin' | null;
  user: User | null;
}

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useSession();
  const formatDateTime = useDateTimeFormat();
  const users = useApiQuery(queryKeys.users, 'users.list', {});
  const [dialog, setDialog] = useState<Dialog>({ kind: null, user: null });
  const open = (kind: Dialog['kind'], user: User | null = null) => setDialog({ kind, user });
  const close = () => setDialog((current) => ({ ...current, kind: null }));

  const setDisabled = useApiMutation('users.update', {
    onSuccess: (updated) =>
      void message.success(
        t(updated.isDisabled ? 'users.disabledMessage' : 'users.enabledMessage', {
          name: updated.displayName,
        }),
      ),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      title: t('users.username'),
      dataIndex: 'username',
      render: (username: string) =>
        username === me.username ? `${username} (${t('users.you')})` : username,
    },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    {
      key: 'role',
      title: t('users.role'),
      dataIndex: 'role',
      render: (role: User['role']) => t(`roles.${role}`),
    },
    {
      key: 'status',
      title: t('users.status'),
      dataIndex: 'isDisabled',
      render: (isDisabled: boolean) =>
        isDisabled ? (
          <Tag color="default">{t('users.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('users.active')}</Tag>
        ),
    },
    {
      key: 'pin',
      title: t('users.pin'),
      dataIndex: 'hasPin',
      render: (hasPin: boolean) => (hasPin ? t('users.hasPin') : t('users.noPin')),
    },
    {
      key: 'lastLogin',
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (at: number | null) => (at === null ? t('users.never') : formatDateTime(at)),
    },
    {
      key: 'actions',
      title: t('users.actions'),
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => open('edit', user)}>
            {t('users.edit')}
          </Button>
          {user.isDisabled ? (
            <Button
              type="link"
              onClick={() => setDisabled.mutate({ userId: user.id, isDisabled: false })}
            >
              {t('users.enable')}
            </Button>
          ) : (
            user.id !== me.id && (
              <Popconfirm
                title={t('users.confirmDisable', { name: user.displayName })}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => setDisabled.mutate({ userId: user.id, isDisabled: true })}
              >
                <Button type="link" danger>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )
          )}
          <Button type="link" onClick={() => open('password', user)}>
            {t('users.resetPassword')}
          </Button>
          <Button type="link" onClick={() => open('pin', user)}>
            {t('users.setPin')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" gap="middle" wrap>
        <PageTitle>{t('users.title')}</PageTitle>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('add')}>
          {t('users.add')}
        </Button>
      </Flex>
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          aria-label={t('users.tableLabel')}
          rowKey="id"
          loading={users.isPending}
          columns={columns}
          dataSource={users.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      <AddUserModal open={dialog.kind === 'add'} onClose={close} />
      <EditUserModal open={dialog.kind === 'edit'} user={dialog.user} onClose={close} />
      <ResetPasswordModal open={dialog.kind === 'password'} user={dialog.user} onClose={close} />
      <UserPinModal open={dialog.kind === 'pin'} user={dialog.user} onClose={close} />
    </>
  );
}
