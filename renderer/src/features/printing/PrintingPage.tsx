import { Typography } from 'antd';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isBackOffice } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { PageTitle } from '../../components/PageTitle';
import { PrintersSection } from './PrintersSection';
import { PrintQueue } from './PrintQueue';

function Region({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 24 }}>
      <Typography.Title id={headingId} level={2} style={{ fontSize: 18 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      {children}
    </section>
  );
}

/**
 * Printers and the print queue. Everyone at the counter sees the printers' status, prints a
 * test page and reprints or retries jobs; adding, changing and removing printers is for the
 * back office (the core enforces the same).
 */
export function PrintingPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <>
      <PageTitle>{t('printing.title')}</PageTitle>
      <Region title={t('printing.printersTitle')} intro={t('printing.printersIntro')}>
        <PrintersSection manage={isBackOffice(user.role)} />
      </Region>
      <Region title={t('printing.queueTitle')} intro={t('printing.queueIntro')}>
        <PrintQueue />
      </Region>
    </>
  );
}
