import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../shared/domain/roles';

export function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
