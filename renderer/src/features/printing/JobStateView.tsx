import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../i18n/useFormats';
import { ReasonText } from './ReasonText';
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
      {/* A queued job's reason is always "unreachable", which its retry note already says. */}
      {job.state === 'failed' && <ReasonText code={job.lastErrorCode} english={job.lastError} />}
      {job.state === 'printed' && job.printedAt !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formats.dateTime(job.printedAt)}
        </Typography.Text>
      )}
    </Flex>
  );
}
