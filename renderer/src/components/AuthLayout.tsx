import { Card, Flex, Form, Typography } from 'antd';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { devicePreferences } from '../session/device-preferences';
import { LanguageSelect } from './LanguageSelect';
import { PageTitle } from './PageTitle';

/**
 * The frame of the screens shown before sign-in. The language picker sits on top, outside the
 * card's form, so a station can be switched to its counter's language before anything else.
 */
export function AuthLayout({
  title,
  subtitle,
  showLanguage = true,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  showLanguage?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { language } = useSyncExternalStore(devicePreferences.subscribe, devicePreferences.get);
  return (
    <Flex
      component="main"
      vertical
      align="center"
      justify="center"
      gap="large"
      style={{ minHeight: '100vh', padding: 16 }}
    >
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Flex justify="space-between" align="start" gap="middle" wrap>
          <div>
            <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
            <PageTitle>{title}</PageTitle>
          </div>
          {showLanguage && (
            <Form.Item
              label={t('setup.language')}
              htmlFor="device-language"
              style={{ marginBottom: 0 }}
            >
              <LanguageSelect
                id="device-language"
                value={language}
                onChange={(next) => devicePreferences.set({ language: next })}
              />
            </Form.Item>
          )}
        </Flex>
        {subtitle && <Typography.Paragraph>{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </Flex>
  );
}
