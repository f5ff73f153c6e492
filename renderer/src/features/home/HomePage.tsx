import { Alert, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hrefFor, type Route } from '../../navigation/router';
import { isBackOffice, sectionsFor } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { PageTitle } from '../../components/PageTitle';
import { ConnectChoices } from '../settings/MarketplaceSettings';
import { useAccounts } from '../sync/useSyncData';

/** A new shop's first step: connect a store, or try the Demo store. Back office only. */
function ConnectStoreCallout() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  if (!accounts.isSuccess || accounts.data.length > 0) return null;
  return (
    <section aria-labelledby="home-connect" style={{ marginBottom: 24 }}>
      <Alert
        type="info"
        showIcon
        title={
          <Typography.Title id="home-connect" level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('home.connectTitle')}
          </Typography.Title>
        }
        description={
          <>
            <Typography.Paragraph>{t('home.connectText')}</Typography.Paragraph>
            <ConnectChoices showDemo />
          </>
        }
      />
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { user, shop } = useSession();
  const cards = sectionsFor(user.role).filter(
    (section): section is Exclude<Route, 'home'> => section !== 'home',
  );
  const texts: Record<Exclude<Route, 'home'>, string> = {
    orders: t('home.ordersText'),
    picking: t('home.pickingText'),
    packing: t('home.packingText'),
    dispatch: t('home.dispatchText'),
    stats: t('home.statsText'),
    printing: t('home.printingText'),
    sync: t('home.syncText'),
    users: t('home.usersText'),
    audit: t('home.auditText'),
    settings: t('home.settingsText'),
  };

  return (
    <>
      <PageTitle>{t('home.title', { name: user.displayName })}</PageTitle>
      <Typography.Paragraph>
        {t('home.summary', { role: t(`roles.${user.role}`), shop: shop.name })}
      </Typography.Paragraph>
      {isBackOffice(user.role) && <ConnectStoreCallout />}
      <Row gutter={[16, 16]}>
        {cards.map((section) => (
          <Col key={section} xs={24} md={12} xl={8}>
            <Card
              title={
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  {t(`nav.${section}`)}
                </Typography.Title>
              }
              extra={
                <a href={hrefFor(section)} aria-label={`${t('home.open')}: ${t(`nav.${section}`)}`}>
                  {t('home.open')}
                </a>
              }
            >
              {texts[section]}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
