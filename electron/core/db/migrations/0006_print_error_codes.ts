// Schema: why a print job failed, as a code the screens translate (`print_jobs.last_error_code`),
// beside the English `last_error`. Existing failures get the code of the fixed text the earlier
// release wrote for them, `other` when the text is not one of those.
import type { Migration } from './index';

export const migration0006: Migration = {
  name: '0006_print_error_codes',
  // No CHECK on the codes: the list grows with the printers we learn to read, and a CHECK would
  // mean rebuilding the table each time. The core writes only codes of PRINT_REASON_CODES.
  sql: `
    ALTER TABLE print_jobs ADD COLUMN last_error_code TEXT;
    UPDATE print_jobs SET last_error_code = CASE
      WHEN last_error LIKE 'interrupted;%' THEN 'interrupted'
      WHEN last_error = 'The printer was removed' THEN 'printer_removed'
      WHEN last_error LIKE 'Printer unreachable%' THEN 'unreachable'
      WHEN last_error LIKE 'Connection lost while sending%' THEN 'connection_lost'
      WHEN last_error LIKE 'The printer took the job but did not confirm it%' THEN 'not_confirmed'
      WHEN last_error LIKE 'Packdesk could not send this job%' THEN 'internal_error'
      WHEN last_error LIKE 'lp refused the job%' THEN 'refused_by_spooler'
      WHEN last_error LIKE 'Paper out%' THEN 'paper_out'
      WHEN last_error LIKE 'Cover open%' OR last_error LIKE 'Print head open%' THEN 'cover_open'
      ELSE 'other'
    END
    WHERE last_error IS NOT NULL;
  `,
};
