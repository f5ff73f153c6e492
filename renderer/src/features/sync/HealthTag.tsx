import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  DisconnectOutlined,
  KeyOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HEALTH_COLORS, healthOf, type Account, type AccountHealthState } from './useSyncData';

const ICONS: Record<AccountHealthState, ReactNode> = {
  credentials: <KeyOutlined aria-hidden />,
  offline: <DisconnectOutlined aria-hidden />,
  unknown: <QuestionCircleOutlined aria-hidden />,
  expiring: <ClockCircleOutlined aria-hidden />,
  online: <CheckCircleOutlined aria-hidden />,
};

/** An account's connection as colour, icon and words together: never colour alone. */
export function HealthTag({ account }: { account: Account }) {
  const { t } = useTranslation();
  const state = healthOf(account);
  return (
    <Tag color={HEALTH_COLORS[state]} icon={ICONS[state]} style={{ marginInlineEnd: 0 }}>
      {t(`sync.health.${state}`)}
    </Tag>
  );
}
