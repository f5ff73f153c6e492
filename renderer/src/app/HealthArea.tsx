import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/useConnectionState';

/**
 * The header's sync and health area. Today it shows the link to the core (the push-event
 * channel); marketplace sync status per account belongs here too, always visible.
 */
export function HealthArea() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const isConnected = connection === 'connected';
  const label = {
    idle: t('health.connecting'),
    connecting: t('health.connecting'),
    connected: t('health.connected'),
    reconnecting: t('health.reconnecting'),
  }[connection];
  return (
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
  );
}
