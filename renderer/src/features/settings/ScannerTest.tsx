import { Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  classifyScan,
  type ScanCommand,
  type ScanEvent,
  type ScanKind,
  type UnknownScanReason,
} from '../../../../shared/domain/scan';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat';
import { useScanEvents } from '../../scanner';
import { shownCode } from '../counter/verdict-text';

interface Row {
  seq: number;
  code: string;
  source: ScanEvent['source'];
  at: number;
  kind: ScanKind;
  /** For an unknown code, why; for a command, which one. Translated when shown. */
  note: Note;
}

type Note = { reason: UnknownScanReason } | { command: ScanCommand } | null;

const KEPT = 20;

/**
 * Scan anything here to see what this station reads: the code as received, which scanner it
 * came from and what Packdesk takes it for. Nothing is sent to the packing counter.
 */
export function ScannerTest() {
  const { t } = useTranslation();
  const time = useDateTimeFormat();
  const [rows, setRows] = useState<Row[]>([]);
  const seq = useRef(0);
  const onScan = useCallback((scan: ScanEvent) => {
    const found = classifyScan(scan.code);
    const note: Note =
      found.kind === 'unknown'
        ? { reason: found.reason }
        : found.kind === 'command'
          ? { command: found.command }
          : null;
    const row = {
      seq: ++seq.current,
      code: scan.code,
      source: scan.source,
      at: scan.at,
      kind: found.kind,
      note,
    };
    setRows((previous) => [row, ...previous].slice(0, KEPT));
  }, []);
  useScanEvents(onScan);

  // Products are looked up by the core, not here: a code that is not ours reads as "not matched".
  const kindText = (row: Row) => {
    const kind = t(`scanner.kinds.${row.kind}`);
    if (!row.note) return kind;
    const note =
      'reason' in row.note
        ? t(`packing.reasons.${row.note.reason}`)
        : t(`packing.commandNames.${row.note.command}`);
    return `${kind} (${note})`;
  };
  const columns: TableColumnsType<Row> = [
    {
      key: 'code',
      title: t('scanner.code'),
      render: (_, row) => (
        <Typography.Text code dir="ltr">
          {shownCode(row.code)}
        </Typography.Text>
      ),
    },
    {
      key: 'source',
      title: t('scanner.source'),
      render: (_, row) => t(`scanner.sources.${row.source}`),
    },
    { key: 'kind', title: t('scanner.classifiedAs'), render: (_, row) => kindText(row) },
    { key: 'at', title: t('scanner.time'), render: (_, row) => time(row.at) },
  ];
  return (
    <>
      <Typography.Paragraph>{t('scanner.testHint')}</Typography.Paragraph>
      <div aria-live="polite">
        <Table<Row>
          rowKey="seq"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={rows}
          aria-label={t('scanner.testTable')}
          locale={{ emptyText: t('scanner.testEmpty') }}
        />
      </div>
    </>
  );
}
