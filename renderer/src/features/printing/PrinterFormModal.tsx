import { App, Checkbox, Form, Input, InputNumber, Radio, Select, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract/methods';
import { savePrinterInput } from '../../../../shared/schemas/printing.schema';
import { ApiCallError } from '../../api/client';
import { useApiMutation } from '../../api/useApiMutation';
import { FormModal } from '../../components/FormModal';
import { useApiFormErrors } from '../../components/useApiFormErrors';
import { useFieldRules } from '../../components/useFieldRules';
import { printerOptions, USAGES, type Usage } from './printer-labels';
import type { Printer } from './usePrinting';

type SaveInput = MethodInput<'printers.save'>;

/** The form's values: usage as a checkbox group, everything else as the contract names it. */
type PrinterValues = Required<
  Pick<
    SaveInput,
    | 'name'
    | 'transport'
    | 'language'
    | 'paper'
    | 'dpi'
    | 'codePage'
    | 'reportsStatus'
    | 'labelSource'
    | 'packingSlipOnComplete'
  >
> &
  Pick<SaveInput, 'host' | 'port' | 'devicePath' | 'osQueue'> & { usage: Usage[] };

const shape = savePrinterInput.shape;

/** A rule that asks the contract's own field schema, so the form and the core cannot disagree. */
function matches(field: 'host' | 'devicePath' | 'osQueue', message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      value === undefined || value === '' || shape[field].safeParse(value).success
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** Adds a printer (`printer` null) or changes one. Only the back office sees this. */
export function PrinterFormModal({
  open,
  printer,
  onClose,
}: {
  open: boolean;
  printer: Printer | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PrinterValues>();
  const rules = useFieldRules();
  const errors = useApiFormErrors(form);
  const options = printerOptions(t);
  const transport = Form.useWatch('transport', form) ?? printer?.transport ?? 'tcp';
  const language = Form.useWatch('language', form) ?? printer?.language;
  const usage = Form.useWatch('usage', form) ?? [];
  const save = useApiMutation('printers.save', {
    onSuccess: (saved) => {
      void message.success(
        t(printer ? 'printing.form.saved' : 'printing.form.added', { name: saved.name }),
      );
      onClose();
    },
    onError: (error) => {
      errors.report(error);
      // The shared field text for `taken` speaks of user names; a printer name needs its own.
      if (error instanceof ApiCallError && error.error.fields?.name === 'taken') {
        form.setFields([{ name: 'name', errors: [t('printing.form.nameTaken')] }]);
      }
    },
  });

  const initialUsage = printer ? USAGES.filter((usage) => printer.usage[usage]) : ([] as Usage[]);

  return (
    <FormModal<PrinterValues>
      name="printer"
      title={
        printer ? t('printing.form.editTitle', { name: printer.name }) : t('printing.form.addTitle')
      }
      open={open}
      form={form}
      submitText={printer ? t('printing.form.save') : t('printing.form.add')}
      pending={save.isPending}
      error={errors.message}
      onClose={onClose}
      onSubmit={({ usage: used, host, port, devicePath, osQueue, ...values }) => {
        errors.clear();
        save.mutate({
          ...values,
          ...(printer ? { printerId: printer.id } : {}),
          ...(values.transport === 'tcp' ? { host, port: port ?? 9100 } : {}),
          ...(values.transport === 'device' ? { devicePath } : {}),
          ...(values.transport === 'os' ? { osQueue } : {}),
          usage: {
            labels: used.includes('labels'),
            receipts: used.includes('receipts'),
            pickLists: used.includes('pickLists'),
          },
        });
      }}
    >
      <Form.Item
        name="name"
        label={t('printing.form.name')}
        initialValue={printer?.name}
        rules={[rules.required, { max: 80, message: t('validation.tooLong', { max: 80 }) }]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      {/* Unvirtualised selects, so each choice is a real `role=option` for assistive tech. */}
      <Form.Item
        name="transport"
        label={t('printing.form.transport')}
        initialValue={printer?.transport ?? 'tcp'}
        rules={[rules.required]}
      >
        <Select options={options.transports} virtual={false} />
      </Form.Item>
      {transport === 'tcp' && (
        <>
          <Form.Item
            name="host"
            label={t('printing.form.host')}
            extra={t('printing.form.hostHint')}
            initialValue={printer?.host ?? undefined}
            rules={[rules.required, matches('host', t('printing.form.hostInvalid'))]}
          >
            <Input dir="ltr" autoComplete="off" spellCheck={false} autoCapitalize="none" />
          </Form.Item>
          <Form.Item
            name="port"
            label={t('printing.form.port')}
            initialValue={printer?.port ?? 9100}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={1} max={65535} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </>
      )}
      {transport === 'device' && (
        <Form.Item
          name="devicePath"
          label={t('printing.form.devicePath')}
          extra={t('printing.form.devicePathHint')}
          initialValue={printer?.devicePath ?? undefined}
          rules={[rules.required, matches('devicePath', t('printing.form.devicePathInvalid'))]}
        >
          <Input dir="ltr" autoComplete="off" spellCheck={false} autoCapitalize="none" />
        </Form.Item>
      )}
      {transport === 'os' && (
        <Form.Item
          name="osQueue"
          label={t('printing.form.osQueue')}
          extra={t('printing.form.osQueueHint')}
          initialValue={printer?.osQueue ?? undefined}
          rules={[rules.required, matches('osQueue', t('printing.form.osQueueInvalid'))]}
        >
          <Input dir="ltr" autoComplete="off" spellCheck={false} autoCapitalize="none" />
        </Form.Item>
      )}
      <Form.Item
        name="language"
        label={t('printing.form.language')}
        extra={t('printing.form.languageHint')}
        initialValue={printer?.language}
        dependencies={['transport']}
        rules={[
          rules.required,
          ({ getFieldValue }) => ({
            // The core sends PDF only to an OS printer queue, whose driver prints it.
            validator: (_rule, value: unknown) =>
              value === 'pdf' && getFieldValue('transport') !== 'os'
                ? Promise.reject(new Error(t('printing.form.pdfNeedsOs')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Select
          options={options.languages.filter(
            (option) => transport === 'os' || option.value !== 'pdf',
          )}
          virtual={false}
        />
      </Form.Item>
      <Form.Item
        name="paper"
        label={t('printing.form.paper')}
        initialValue={printer?.paper}
        rules={[rules.required]}
      >
        <Select options={options.papers} virtual={false} />
      </Form.Item>
      <Form.Item
        name="dpi"
        label={t('printing.form.dpi')}
        initialValue={printer?.dpi ?? 203}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select options={options.dpis} virtual={false} />
      </Form.Item>
      <Form.Item
        name="codePage"
        label={t('printing.form.codePage')}
        extra={
          language === 'zpl'
            ? t('printing.form.codePageZpl')
            : language === 'pdf'
              ? t('printing.form.codePagePdf')
              : t('printing.form.codePageHint')
        }
        initialValue={printer?.codePage ?? 'pc437'}
        rules={[rules.required]}
      >
        <Select options={options.codePages} virtual={false} />
      </Form.Item>
      <Form.Item name="usage" label={t('printing.form.usage')} initialValue={initialUsage}>
        <Checkbox.Group options={options.usages} aria-label={t('printing.form.usage')} />
      </Form.Item>
      {/* Hidden rather than removed, so an edit keeps the setting while the usage is off. */}
      <Form.Item
        name="labelSource"
        label={t('printing.form.labelSource')}
        extra={t('printing.form.labelSourceHint')}
        initialValue={printer?.labelSource ?? 'own'}
        hidden={!usage.includes('labels')}
      >
        <Radio.Group aria-label={t('printing.form.labelSource')} options={options.labelSources} />
      </Form.Item>
      <Form.Item
        name="packingSlipOnComplete"
        valuePropName="checked"
        initialValue={printer?.packingSlipOnComplete ?? false}
        hidden={!usage.includes('receipts')}
      >
        <Checkbox>{t('printing.form.packingSlipOnComplete')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="reportsStatus"
        valuePropName="checked"
        initialValue={printer?.reportsStatus ?? true}
        extra={t('printing.form.reportsStatusHint')}
      >
        <Checkbox>{t('printing.form.reportsStatus')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
