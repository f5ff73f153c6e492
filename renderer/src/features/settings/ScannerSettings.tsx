import { Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { KeyboardScannerForm } from './KeyboardScannerForm';
import { ScannerTest } from './ScannerTest';
import { SerialScannerForm } from './SerialScannerForm';
import { SettingsSection } from './SettingsSection';

/** Both kinds of scanner of this station, and a place to try them. */
export function ScannerSettings() {
  const { t } = useTranslation();
  return (
    <SettingsSection title={t('scanner.title')}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('scanner.keyboard')}
      </Typography.Title>
      <KeyboardScannerForm />
      <Divider />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('scanner.serial')}
      </Typography.Title>
      <SerialScannerForm />
      <Divider />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('scanner.test')}
      </Typography.Title>
      <ScannerTest />
    </SettingsSection>
  );
}
