import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATE_COLORS } from './labels';
import type { OutboxAction } from './useSyncData';

export function ActionStateTag({ state }: { state: OutboxAction['state'] }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`sync.states.${state}`)}</Tag>;
}
