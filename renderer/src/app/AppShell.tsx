import {
  AuditOutlined,
  BarChartOutlined,
  CarOutlined,
  CloudSyncOutlined,
  InboxOutlined,
  PrinterOutlined,
  ProfileOutlined,
  HomeOutlined,
  LogoutOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Typography, theme as antTheme } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SwitchOperatorModal } from '../features/auth/SwitchOperatorModal';
import { AuditPage } from '../features/audit/AuditPage';
import { HomePage } from '../features/home/HomePage';
import { OrdersPage } from '../features/orders/OrdersPage';
import { DispatchPage } from '../features/dispatch/DispatchPage';
import { PackingPage } from '../features/packing/PackingPage';
import { PickListsPage } from '../features/picking/PickListsPage';
import { PrintingPage } from '../features/printing/PrintingPage';
import { CounterStatsPage } from '../features/stats/CounterStatsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { UsersPage } from '../features/users/UsersPage';
import { HealthArea } from './HealthArea';
import { hrefFor, navigate, useRoute, type Route } from '../navigation/router';
import { isCounter, sectionsFor } from '../navigation/sections';
import { useSession } from '../session/useSession';
import { useSessionActions } from '../session/useSessionActions';

// Icons are decoration next to a visible label; hidden so names read "Users", not "team Users".
const ICONS: Record<Route, ReactNode> = {
  home: <HomeOutlined aria-hidden />,
  orders: <UnorderedListOutlined aria-hidden />,
  picking: <ProfileOutlined aria-hidden />,
  packing: <InboxOutlined aria-hidden />,
  dispatch: <CarOutlined aria-hidden />,
  stats: <BarChartOutlined aria-hidden />,
  printing: <PrinterOutlined aria-hidden />,
  sync: <CloudSyncOutlined aria-hidden />,
  users: <TeamOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  settings: <SettingOutlined aria-hidden />,
};

const PAGES: Record<Route, () => ReactNode> = {
  home: HomePage,
  orders: OrdersPage,
  picking: PickListsPage,
  packing: PackingPage,
  dispatch: DispatchPage,
  stats: CounterStatsPage,
  printing: PrintingPage,
  sync: SyncPage,
  users: UsersPage,
  audit: AuditPage,
  settings: SettingsPage,
};

export function AppShell() {
  const { t } = useTranslation();
  const { token } = antTheme.useToken();
  const { user, shop } = useSession();
  const { signOut } = useSessionActions();
  const [switching, setSwitching] = useState(false);
  const sections = sectionsFor(user.role);
  const requested = useRoute();
  // A section the role may not use (a stale link, or a role just changed) falls back to Home.
  const route = sections.includes(requested) ? requested : 'home';
  const Page = PAGES[route];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        theme="light"
        breakpoint="lg"
        collapsedWidth={64}
        style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Typography.Text strong style={{ display: 'block', padding: '20px 24px', fontSize: 16 }}>
          {t('app.name')}
        </Typography.Text>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[route]}
            style={{ borderInlineEnd: 'none' }}
            // The whole row is the target, not only the link text inside it.
            onClick={({ key }) => navigate(key as Route)}
            items={sections.map((section) => ({
              key: section,
              icon: ICONS[section],
              label: <a href={hrefFor(section)}>{t(`nav.${section}`)}</a>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: 24,
            height: 'auto',
            lineHeight: 'normal',
            paddingBlock: 12,
          }}
        >
          <Flex align="center" gap="middle" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {shop.name}
            </Typography.Text>
            <HealthArea />
            <Flex align="center" gap="small" wrap style={{ marginInlineStart: 'auto' }}>
              <Typography.Text>
                {t('header.currentUser', { name: user.displayName, role: t(`roles.${user.role}`) })}
              </Typography.Text>
              {/* auth.switchOperator is the counter's: a Courier signs out to hand over instead. */}
              {isCounter(user.role) && (
                <Button icon={<SwapOutlined aria-hidden />} onClick={() => setSwitching(true)}>
                  {t('header.switchOperator')}
                </Button>
              )}
              <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void signOut()}>
                {t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Page />
        </Layout.Content>
      </Layout>
      <SwitchOperatorModal open={switching} onClose={() => setSwitching(false)} />
    </Layout>
  );
}
