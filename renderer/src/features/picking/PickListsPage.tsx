// TEMPORARY placeholder until the screen is built.
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

export function PickListsPage() {
  const { t } = useTranslation();
  return <PageTitle>{t('nav.picking')}</PageTitle>;
}
