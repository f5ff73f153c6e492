import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PostingStatus } from '../../../../shared/domain/postings';

const COLORS: Record<PostingStatus, string> = {
  new: 'blue',
  to_pack: 'gold',
  packed: 'cyan',
  in_delivery: 'geekblue',
  delivered: 'green',
  cancelled: 'default',
  dispute: 'red',
  other: 'default',
};

export function StatusTag({ status }: { status: PostingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`orders.statuses.${status}`)}
    </Tag>
  );
}

/** What this station has queued for the posting and not yet seen confirmed ("Shipping…"). */
export function LocalStateTag({ state }: { state: 'none' | 'shipping' | 'cancelling' }) {
  const { t } = useTranslation();
  if (state === 'none') return null;
  return (
    <Tag color="processing" style={{ marginInlineEnd: 0 }}>
      {t(`orders.localStates.${state}`)}
    </Tag>
  );
}
