import { Button, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PickList } from '../../../../shared/schemas/packing.schema';
import { useApiMutation } from '../../api/useApiMutation';
import { QueryError } from '../../components/QueryError';

interface Values {
  /** `YYYY-MM-DD` from the date field; postings due by the end of that day. */
  shipmentBy?: string;
  warehouseId?: string;
  limit: number;
}

/** End of the chosen day in local time: "ship by the 15th" includes the whole 15th. */
function endOfDay(date: string): number | undefined {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return new Date(year, month - 1, day, 23, 59, 59, 999).getTime();
}

/** Which postings to gather: due by a date, from one warehouse, at most so many. */
export function CreatePickListForm({ onCreated }: { onCreated: (list: PickList) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation('picking.create', { onSuccess: onCreated });
  return (
    <Form<Values>
      form={form}
      layout="inline"
      aria-label={t('picking.create')}
      initialValues={{ limit: 50 }}
      style={{ rowGap: 8 }}
      onFinish={(values) => {
        const before = values.shipmentBy ? endOfDay(values.shipmentBy) : undefined;
        const warehouseId = values.warehouseId?.trim();
        create.mutate({
          limit: values.limit,
          ...(before !== undefined && { shipmentBefore: before }),
          ...(warehouseId && { warehouseId }),
        });
      }}
    >
      <Form.Item name="shipmentBy" label={t('picking.shipmentBy')} htmlFor="pick-shipment-by">
        <Input id="pick-shipment-by" type="date" style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="warehouseId" label={t('picking.warehouse')} htmlFor="pick-warehouse">
        <Input
          id="pick-warehouse"
          dir="ltr"
          autoComplete="off"
          placeholder={t('picking.anyWarehouse')}
          style={{ width: 220 }}
          maxLength={64}
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
      {create.isError && (
        <div style={{ width: '100%', marginTop: 8 }}>
          <QueryError error={create.error} onRetry={() => form.submit()} />
        </div>
      )}
    </Form>
  );
}
