import { Badge, Flex, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/useConnectionState';
import { SyncHeaderStatus } from '../features/sync/SyncHeaderStatus';
import { isCounter } from '../navigation/sections';
import { useSession } from '../session/useSession';

/**
 * The header's sync and health area, always visible: the link to the core (the push-event
 * channel) and, for everyone who works with orders, each marketplace account's sync status.
 */
export function HealthArea() {
  const { t } = useTranslation();
  const { user } = useSession();
  const connection = useConnectionState();
  const isConnected = connection === 'connected';
  const label = {
    idle: t('health.connecting'),
    connecting: t('health.connecting'),
    connected: t('health.connected'),
    reconnecting: t('health.reconnecting'),
  }[connection];
  return (
    <Flex align="center" gap="middle" wrap>
      <Tooltip title={isConnected ? t('health.connectedHint') : t('health.reconnectingHint')}>
        <span
          role="status"
          aria-label={t('health.label')}
          tabIndex={0}
          style={{ whiteSpace: 'nowrap' }}
        >
          <Badge status={isConnected ? 'success' : 'warning'} text={label} />
        </span>
      </Tooltip>
      {isCounter(user.role) && <SyncHeaderStatus />}
    </Flex>
  );
}
