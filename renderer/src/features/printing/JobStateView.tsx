import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../i18n/useFormats';
import type { PrintJob } from './usePrinting';

const STATE_COLORS: Record<PrintJob['state'], string> = {
  queued: 'default',
  sending: 'processing',
  printed: 'success',
  failed: 'error',
};

/** What became of a job, and for a failed one whether the paper may have come out anyway. */
function outcome(job: PrintJob) {
  if (job.state === 'failed') return job.mayHavePrinted ? 'mayHavePrinted' : 'nothingPrinted';
  if (job.state === 'queued' && job.attempts > 0) return 'willRetry';
  return null;
}

export function JobStateView({ job }: { job: PrintJob }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const note = outcome(job);
  return (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      <span>
        <Tag color={STATE_COLORS[job.state]}>{t(`printing.jobStates.${job.state}`)}</Tag>
      </span>
      {note && (
        <Typography.Text {...(note === 'mayHavePrinted' ? { type: 'warning' as const } : {})}>
          {t(`printing.outcomes.${note}`)}
        </Typography.Text>
      )}
      {job.lastError && (
        <Typography.Text type="secondary" lang="en" dir="ltr" style={{ wordBreak: 'break-word' }}>
          {job.lastError}
        </Typography.Text>
      )}
      {job.state === 'printed' && job.printedAt !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formats.dateTime(job.printedAt)}
        </Typography.Text>
      )}
    </Flex>
  );
}
