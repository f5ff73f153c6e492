// TEMPORARY placeholder until the screen is built.
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function PackingPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('nav.packing')}</PageTitle>;
}
