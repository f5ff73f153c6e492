import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintReasonCode } from '../../../../shared/schemas/printing.schema';
import { reasonText } from './printer-labels';

/** A printer's or a job's reason as a secondary line; nothing when there is no reason. */
export function ReasonText({
  code,
  english,
  style,
}: {
  code: PrintReasonCode | null;
  english: string | null;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const reason = reasonText(t, code, english);
  if (!reason) return null;
  return (
    <Typography.Text
      type="secondary"
      // The core's own words (`other`) are English whatever the screen's language.
      {...(reason.lang ? { lang: reason.lang, dir: 'ltr' } : {})}
      style={{ wordBreak: 'break-word', ...style }}
    >
      {reason.text}
    </Typography.Text>
  );
}
