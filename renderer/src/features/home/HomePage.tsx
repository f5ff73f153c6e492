import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hrefFor, type Route } from '../../app/router';
import { sectionsFor } from '../../app/sections';
import { useSession } from '../../app/useSession';
import { PageTitle } from '../../components/PageTitle';

export function HomePage() {
  const { t } = useTranslation();
  const { user, shop } = useSession();
  const cards = sectionsFor(user.role).filter(
    (section): section is Exclude<Route, 'home'> => section !== 'home',
  );
  const texts: Record<Exclude<Route, 'home'>, string> = {
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
