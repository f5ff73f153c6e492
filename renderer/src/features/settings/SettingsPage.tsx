import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { BACK_OFFICE_ROLES } from '../../../../shared/domain/roles';
import { isCounter } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { PageTitle } from '../../components/PageTitle';
import { AppearanceSettings } from './AppearanceSettings';
import { ChangePasswordForm } from './ChangePasswordForm';
import { MarketplaceSettings } from './MarketplaceSettings';
import { MyPinForm } from './MyPinForm';
import { ScannerSettings } from './ScannerSettings';
import { ShopSettings } from './ShopSettings';

export function SettingsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const mayEditShop = (BACK_OFFICE_ROLES as readonly string[]).includes(user.role);
  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <Row gutter={[16, 16]}>
        {mayEditShop && (
          <Col xs={24}>
            <MarketplaceSettings />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <AppearanceSettings />
        </Col>
        {mayEditShop && (
          <Col xs={24} xl={12}>
            <ShopSettings />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <MyPinForm />
        </Col>
        <Col xs={24} xl={12}>
          <ChangePasswordForm />
        </Col>
        {isCounter(user.role) && (
          <Col xs={24}>
            <ScannerSettings />
          </Col>
        )}
      </Row>
    </>
  );
}
