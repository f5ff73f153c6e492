import { App, Button, Flex, Form, Select, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SerialScannerSettings } from '../../../../shared/schemas/packing.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { isBackOffice } from '../../navigation/sections';
import { useSession } from '../../session/useSession';
import { QueryError } from '../../components/QueryError';
import { errorText } from '../../i18n/error-text';

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
const STATE_COLOURS = { off: 'default', open: 'success', error: 'error' } as const;

/** The station's serial scanner: which port, how fast, and whether it is open now. */
export function SerialScannerForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const mayEdit = isBackOffice(user.role);
  const [form] = Form.useForm<SerialScannerSettings>();
  const status = useApiQuery(['scanners', 'serial'], 'scanners.serial', {});
  const ports = useApiQuery(['scanners', 'ports'], 'scanners.ports', {});
  const save = useApiMutation('scanners.saveSerial', {
    onSuccess: () => void message.success(t('scanner.saved')),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const data = status.data;
  useEffect(() => {
    if (data)
      form.setFieldsValue({ enabled: data.enabled, path: data.path, baudRate: data.baudRate });
  }, [data, form]);

  if (status.isError)
    return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  const portOptions = (ports.data ?? []).map((port) => ({
    value: port.path,
    label: port.label ? `${port.path} (${port.label})` : port.path,
  }));
  if (data?.path && !portOptions.some((option) => option.value === data.path)) {
    portOptions.unshift({ value: data.path, label: data.path });
  }

  return (
    <Form<SerialScannerSettings>
      form={form}
      layout="vertical"
      aria-label={t('scanner.serial')}
      disabled={!mayEdit}
      initialValues={{ enabled: false, path: null, baudRate: 9600 }}
      onFinish={(values) => save.mutate({ ...values, path: values.path ?? null })}
    >
      {data && (
        <Typography.Paragraph role="status" aria-label={t('scanner.serialState')}>
          <Tag color={STATE_COLOURS[data.state]}>{t(`scanner.states.${data.state}`)}</Tag>
          {data.error && <Typography.Text type="danger">{data.error}</Typography.Text>}
        </Typography.Paragraph>
      )}
      <Flex gap="middle" wrap align="end">
        <Form.Item
          name="enabled"
          label={t('scanner.serialEnabled')}
          htmlFor="scanner-serial-on"
          valuePropName="checked"
        >
          <Switch id="scanner-serial-on" />
        </Form.Item>
        <Form.Item name="path" label={t('scanner.port')} htmlFor="scanner-port">
          <Select<string | null>
            id="scanner-port"
            virtual={false}
            allowClear
            showSearch
            loading={ports.isPending}
            placeholder={t('scanner.choosePort')}
            notFoundContent={t('scanner.noPorts')}
            style={{ minWidth: 240 }}
            options={portOptions}
          />
        </Form.Item>
        <Form.Item name="baudRate" label={t('scanner.baudRate')} htmlFor="scanner-baud">
          <Select<number>
            id="scanner-baud"
            virtual={false}
            style={{ width: 140 }}
            options={BAUD_RATES.map((rate) => ({ value: rate, label: String(rate) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('scanner.saveSerial')}
          </Button>
        </Form.Item>
      </Flex>
      {!mayEdit && <Typography.Text type="secondary">{t('scanner.askBackOffice')}</Typography.Text>}
    </Form>
  );
}
