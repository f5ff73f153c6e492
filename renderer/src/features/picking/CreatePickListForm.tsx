import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PickList } from '../../../../shared/schemas/packing.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { useApiQuery } from '../../api/useApiQuery';
import { QueryError } from '../../components/QueryError';
import { dayStart } from '../../components/local-day';

interface Values {
  /** `YYYY-MM-DD` from the date field; postings due by the end of that day. */
  shipmentBy?: string;
  /** A synced warehouse's id; empty for all warehouses. */
  warehouseId: string;
  limit: number;
}

/** Which postings to gather: due by a date, from one warehouse, at most so many. */
export function CreatePickListForm({ onCreated }: { onCreated: (list: PickList) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation('picking.create', { onSuccess: onCreated });
  // Under the `accounts` domain: a sync cycle announces it, so newly pulled warehouses appear.
  const warehouses = useApiQuery(['accounts', 'warehouses'], 'accounts.warehouses', {});
  const synced = warehouses.data ?? [];
  // Ozon's warehouse ids are unique across sellers, so the id alone is the choice; the account
  // is named only when there are several, so the packer knows whose warehouse it is.
  const severalAccounts = new Set(synced.map((w) => w.accountId)).size > 1;
  const warehouseOptions = [
    { value: '', label: t('picking.allWarehouses') },
    ...synced.map((w) => ({
      value: w.warehouseId,
      label: severalAccounts
        ? t('picking.warehouseOfAccount', { warehouse: w.name, account: w.accountName })
        : w.name,
    })),
  ];
  return (
    <Form<Values>
      form={form}
      layout="inline"
      aria-label={t('picking.create')}
      initialValues={{ limit: 50, warehouseId: '' }}
      style={{ rowGap: 8 }}
      onFinish={(values) => {
        // The end of the chosen day: "ship by the 15th" includes the whole 15th.
        const nextDay = values.shipmentBy ? dayStart(values.shipmentBy, 1) : null;
        const before = nextDay === null ? undefined : nextDay - 1;
        create.mutate({
          limit: values.limit,
          ...(before !== undefined && { shipmentBefore: before }),
          ...(values.warehouseId !== '' && { warehouseId: values.warehouseId }),
        });
      }}
    >
      <Form.Item name="shipmentBy" label={t('picking.shipmentBy')} htmlFor="pick-shipment-by">
        <Input id="pick-shipment-by" type="date" style={{ width: 170 }} />
      </Form.Item>
      <Form.Item
        name="warehouseId"
        label={t('picking.warehouse')}
        htmlFor="pick-warehouse"
        extra={warehouses.isSuccess && synced.length === 0 ? t('picking.noWarehouses') : undefined}
      >
        <Select<string>
          id="pick-warehouse"
          virtual={false}
          showSearch={{ optionFilterProp: ['label', 'value'] }}
          loading={warehouses.isPending}
          style={{ width: severalAccounts ? 320 : 240 }}
          options={warehouseOptions}
        />
      </Form.Item>
      <Form.Item
        name="limit"
        label={t('picking.count')}
        htmlFor="pick-limit"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber id="pick-limit" min={1} max={500} precision={0} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('picking.createButton')}
        </Button>
      </Form.Item>
      {warehouses.isError && (
        <div style={{ width: '100%', marginTop: 8 }}>
          <QueryError error={warehouses.error} onRetry={() => void warehouses.refetch()} />
        </div>
      )}
      {create.isError && (
        <div style={{ width: '100%', marginTop: 8 }}>
          <QueryError error={create.error} onRetry={() => form.submit()} />
        </div>
      )}
    </Form>
  );
}
