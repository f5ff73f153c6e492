import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScanTone } from '../../../../shared/schemas/packing.schema';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat';

export interface ScanHistoryEntry {
  seq: number;
  code: string;
  source: 'keyboard' | 'serial' | 'screen';
  at: number;
  tone: ScanTone;
  /** Already in the UI language. */
  text: string;
}

const TONE_COLOURS: Record<ScanTone, string> = {
  ok: 'success',
  warning: 'warning',
  error: 'error',
  done: 'processing',
};

/** The last scans of this screen, newest first: what was read, from where, and the answer. */
export function ScanHistory({ entries, title }: { entries: ScanHistoryEntry[]; title: string }) {
  const { t } = useTranslation();
  const time = useDateTimeFormat();
  return (
    <Card title={title} size="small" role="region" aria-label={title}>
      <List
        size="small"
        dataSource={entries}
        locale={{ emptyText: t('packing.historyEmpty') }}
        renderItem={(entry) => (
          <List.Item key={entry.seq}>
            <div style={{ width: '100%' }}>
              <Tag color={TONE_COLOURS[entry.tone]}>{entry.text}</Tag>
              <Typography.Text code dir="ltr">
                {entry.code}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`scanner.sources.${entry.source}`)} · {time(entry.at)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
