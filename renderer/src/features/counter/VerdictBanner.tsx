import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
  TrophyFilled,
} from '@ant-design/icons';
import { Typography, theme as antTheme } from 'antd';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanTone } from '../../../../shared/schemas/packing.schema';
import type { VerdictStore } from './verdict-store';

export interface Verdict {
  /** Null before the first scan: a calm hint, no colour. */
  tone: ScanTone | null;
  /** Null before the first scan: the banner shows the idle hint in the current language. */
  title: string | null;
  detail: string | null;
  /** Changes with every scan, so the same verdict twice still flashes. */
  seq: number;
  /** The verdict's code name, for tests and the latency benchmark to read. */
  name: string;
}

const ICONS: Record<ScanTone, ReactNode> = {
  ok: <CheckCircleFilled aria-hidden />,
  warning: <ExclamationCircleFilled aria-hidden />,
  error: <CloseCircleFilled aria-hidden />,
  done: <TrophyFilled aria-hidden />,
};

/**
 * The answer to the last scan, as large as the screen allows: colour, icon and words together so
 * it reads from across the counter and without colour vision. A live region, never a dialog: the
 * next scan just replaces it.
 */
export function VerdictBanner({ verdict, label }: { verdict: Verdict; label: string }) {
  const { t } = useTranslation();
  const { token } = antTheme.useToken();
  const colours: Record<ScanTone, { background: string; border: string; text: string }> = {
    ok: { background: token.colorSuccessBg, border: token.colorSuccess, text: token.colorText },
    warning: {
      background: token.colorWarningBg,
      border: token.colorWarning,
      text: token.colorText,
    },
    error: { background: token.colorError, border: token.colorErrorActive, text: '#fff' },
    done: { background: token.colorInfoBg, border: token.colorInfo, text: token.colorText },
  };
  const colour = verdict.tone
    ? colours[verdict.tone]
    : {
        background: token.colorFillQuaternary,
        border: token.colorBorder,
        text: token.colorTextSecondary,
      };
  return (
    <section aria-label={label}>
      <div
        role="alert"
        aria-live="assertive"
        aria-atomic="true"
        data-verdict={verdict.name}
        data-seq={verdict.seq}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          minHeight: 120,
          padding: '20px 28px',
          borderRadius: token.borderRadiusLG,
          border: `4px solid ${colour.border}`,
          background: colour.background,
          color: colour.text,
        }}
      >
        <span style={{ fontSize: 56, lineHeight: 1, color: colour.border }}>
          {verdict.tone ? (
            <span style={verdict.tone === 'error' ? { color: '#fff' } : undefined}>
              {ICONS[verdict.tone]}
            </span>
          ) : (
            <InfoCircleFilled aria-hidden />
          )}
        </span>
        <div style={{ minWidth: 0 }}>
          <Typography.Text
            strong
            style={{ display: 'block', fontSize: 34, lineHeight: 1.25, color: colour.text }}
          >
            {verdict.title ?? t('packing.idle')}
          </Typography.Text>
          {verdict.detail && (
            <Typography.Text
              style={{ display: 'block', fontSize: 20, marginTop: 6, color: colour.text }}
            >
              {verdict.detail}
            </Typography.Text>
          )}
        </div>
      </div>
    </section>
  );
}

/** The banner of a screen whose verdicts live in a store: it alone re-renders on a scan. */
export function LatestVerdictBanner({ store, label }: { store: VerdictStore; label: string }) {
  const verdict = useSyncExternalStore(store.subscribe, store.get);
  return <VerdictBanner verdict={verdict} label={label} />;
}
