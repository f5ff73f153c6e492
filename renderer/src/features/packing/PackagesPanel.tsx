import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PackingSession } from '../../../../shared/schemas/packing.schema';
import { useFormats } from '../../i18n/useFormats';

/** The posting's boxes so far; new scans go into the current one. */
export function PackagesPanel({ session }: { session: PackingSession }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const names = new Map(session.lines.map((line) => [line.sku, line.name]));
  const indexes = new Set(session.packages.map((pkg) => pkg.index));
  const packages = indexes.has(session.currentPackage)
    ? session.packages
    : [...session.packages, { index: session.currentPackage, items: [] }];
  return (
    <Card
      title={t('packing.packages')}
      size="small"
      role="region"
      aria-label={t('packing.packages')}
    >
      <List
        dataSource={packages}
        renderItem={(pkg) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>
                {t('packing.packageN', { index: formats.number(pkg.index) })}
              </Typography.Text>{' '}
              {pkg.index === session.currentPackage && (
                <Tag color="processing">{t('packing.currentPackage')}</Tag>
              )}
              {pkg.items.length === 0 ? (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('packing.emptyPackage')}
                </Typography.Paragraph>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {pkg.items.map((item) => (
                    <li key={item.sku}>
                      {t('packing.packageItem', {
                        name: names.get(item.sku) ?? item.sku,
                        quantity: formats.number(item.quantity),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
