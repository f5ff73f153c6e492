import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Typography } from 'antd';
import { toSVG } from 'bwip-js/browser';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SCAN_COMMANDS, commandBarcode, type ScanCommand } from '../../../../shared/domain/scan';

/** CODE128 as an SVG data URL: printed sharp at any size, shown as a plain image. */
function barcodeImage(text: string): string {
  const svg = toSVG({ bcid: 'code128', text, scale: 3, height: 14, includetext: true });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const COMMANDS = Object.keys(SCAN_COMMANDS) as ScanCommand[];

/** Hides the app's frame when printing, so the sheet is all that reaches the paper. */
const PRINT_STYLE = `@media print {
  .ant-layout-sider, .ant-layout-header, [data-no-print] { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
}`;

/**
 * A sheet of the command barcodes to print and keep at the counter, so complete, new package,
 * skip, undo and switch operator all work from the scanner alone.
 */
export function CommandSheet({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const images = useMemo(
    () => new Map(COMMANDS.map((command) => [command, barcodeImage(commandBarcode(command))])),
    [],
  );
  return (
    <>
      <style>{PRINT_STYLE}</style>
      <Flex gap="small" wrap style={{ marginBottom: 16 }} data-no-print>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={onBack}>
          {t('packing.backToPacking')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => print()}>
          {t('packing.print')}
        </Button>
      </Flex>
      <Typography.Paragraph>{t('packing.sheetIntro')}</Typography.Paragraph>
      <Row gutter={[24, 24]}>
        {COMMANDS.map((command) => (
          <Col key={command} xs={24} md={12}>
            <Card>
              <Typography.Title level={2} style={{ fontSize: 22, marginTop: 0 }}>
                {t(`packing.commandNames.${command}`)}
              </Typography.Title>
              <img
                src={images.get(command)}
                alt={t('packing.barcodeOf', { name: t(`packing.commandNames.${command}`) })}
                style={{ maxWidth: '100%', height: 110, display: 'block' }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
