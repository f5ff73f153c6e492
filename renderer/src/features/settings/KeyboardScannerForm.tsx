import { App, Button, Checkbox, Flex, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  SCANNER_LIMITS,
  scannerPreferences,
  useScannerPreferences,
  type ScannerPreferences,
  type ScanSuffix,
} from '../../scanner';

const SUFFIXES: ScanSuffix[] = ['Enter', 'Tab'];

/** How this station's keyboard-wedge scanner types; saved on this device only. */
export function KeyboardScannerForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useScannerPreferences();
  const [form] = Form.useForm<ScannerPreferences>();
  return (
    <Form<ScannerPreferences>
      form={form}
      layout="vertical"
      aria-label={t('scanner.keyboard')}
      initialValues={current}
      onFinish={(values) => {
        scannerPreferences.set(values);
        void message.success(t('scanner.saved'));
      }}
    >
      <Flex gap="middle" wrap>
        <Form.Item
          name="maxGapMs"
          label={t('scanner.maxGap')}
          htmlFor="scanner-max-gap"
          tooltip={t('scanner.maxGapHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber
            id="scanner-max-gap"
            min={SCANNER_LIMITS.maxGapMs.min}
            max={SCANNER_LIMITS.maxGapMs.max}
            precision={0}
            suffix={t('scanner.ms')}
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item
          name="minLength"
          label={t('scanner.minLength')}
          htmlFor="scanner-min-length"
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber
            id="scanner-min-length"
            min={SCANNER_LIMITS.minLength.min}
            max={SCANNER_LIMITS.minLength.max}
            precision={0}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item
          name="prefix"
          label={t('scanner.prefix')}
          htmlFor="scanner-prefix"
          tooltip={t('scanner.prefixHint')}
        >
          <Input
            id="scanner-prefix"
            dir="ltr"
            maxLength={SCANNER_LIMITS.prefixLength}
            autoComplete="off"
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item
          name="suffixes"
          label={t('scanner.suffixes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('scanner.suffixRequired') }]}
        >
          <Checkbox.Group
            aria-label={t('scanner.suffixes')}
            options={SUFFIXES.map((suffix) => ({
              value: suffix,
              label: t(`scanner.suffixNames.${suffix}`),
            }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap="small">
        <Button type="primary" htmlType="submit">
          {t('scanner.save')}
        </Button>
        <Button
          onClick={() => {
            scannerPreferences.set(scannerPreferences.defaults);
            form.setFieldsValue(scannerPreferences.defaults);
          }}
        >
          {t('scanner.defaults')}
        </Button>
      </Flex>
    </Form>
  );
}
