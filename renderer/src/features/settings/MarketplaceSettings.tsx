import { ExperimentOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, List, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../navigation/router';
import { QueryError } from '../../components/QueryError';
import { HealthTag } from '../sync/HealthTag';
import { useAccounts } from '../sync/useSyncData';
import { ConnectOzonModal } from './ConnectOzonModal';
import { SettingsSection } from './SettingsSection';
import { useConnectDemo } from './useConnectDemo';

/** The two ways to start: a sandbox to learn on, or the seller's own Ozon store. */
export function ConnectChoices({ showDemo }: { showDemo: boolean }) {
  const { t } = useTranslation();
  const demo = useConnectDemo();
  const [ozonOpen, setOzonOpen] = useState(false);
  return (
    <Row gutter={[16, 16]}>
      {showDemo && (
        <Col xs={24} md={12}>
          <Card size="small" style={{ height: '100%' }}>
            <Flex vertical gap="small" align="start">
              <Typography.Text strong>
                <ExperimentOutlined aria-hidden /> {t('marketplace.demoHeading')}
              </Typography.Text>
              <Typography.Text>{t('marketplace.demoText')}</Typography.Text>
              <Button type="primary" loading={demo.isPending} onClick={() => demo.mutate({})}>
                {t('marketplace.useDemo')}
              </Button>
            </Flex>
          </Card>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Card size="small" style={{ height: '100%' }}>
          <Flex vertical gap="small" align="start">
            <Typography.Text strong>
              <ShopOutlined aria-hidden /> {t('marketplace.ozonHeading')}
            </Typography.Text>
            <Typography.Text>{t('marketplace.ozonText')}</Typography.Text>
            <Button onClick={() => setOzonOpen(true)}>{t('marketplace.connectOzon')}</Button>
          </Flex>
        </Card>
      </Col>
      <ConnectOzonModal open={ozonOpen} onClose={() => setOzonOpen(false)} />
    </Row>
  );
}

export function MarketplaceSettings() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const list = accounts.data ?? [];
  return (
    <SettingsSection title={t('marketplace.title')}>
      {accounts.isError ? (
        <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.isPending ? (
        <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
      ) : (
        <Flex vertical gap="middle">
          {list.length === 0 ? (
            <Typography.Paragraph style={{ margin: 0 }}>
              {t('marketplace.intro')}
            </Typography.Paragraph>
          ) : (
            <List
              size="small"
              bordered
              aria-label={t('marketplace.connectedStores')}
              dataSource={list}
              renderItem={(account) => (
                <List.Item>
                  <Flex align="center" gap="small" wrap>
                    <Typography.Text strong>{account.name}</Typography.Text>
                    {account.isDemo && <Tag>{t('sync.demo')}</Tag>}
                    <HealthTag account={account} />
                    <Typography.Text type="secondary">
                      {t('marketplace.clientIdShort', { id: account.clientId })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
              footer={<a href={hrefFor('sync')}>{t('sync.openSyncPage')}</a>}
            />
          )}
          <ConnectChoices showDemo={list.length === 0} />
        </Flex>
      )}
    </SettingsSection>
  );
}
