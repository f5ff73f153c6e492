import { Card, Form, Input, Radio, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { packerStats } from '../../../../shared/schemas/packing.schema';
import { useApiQuery } from '../../api/useApiQuery';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useFormats } from '../../i18n/useFormats';
import { dayStart, isoDay } from '../../components/local-day';

type Packer = z.infer<typeof packerStats>;
type Period = 'today' | 'range';

/** For managers: how each packer did, today or over chosen days. */
export function CounterStatsPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const today = isoDay(new Date());
  const [period, setPeriod] = useState<Period>('today');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);

  const range = useMemo(() => {
    const start = dayStart(period === 'today' ? today : from);
    const end = dayStart(period === 'today' ? today : to, 1);
    return start !== null && end !== null && end > start ? { from: start, to: end } : null;
  }, [period, today, from, to]);
  const stats = useApiQuery(
    ['stats', 'counter', range],
    'stats.counter',
    range ?? { from: 0, to: 1 },
    {
      enabled: range !== null,
      // Today's figures move while people pack.
      refetchInterval: period === 'today' ? 60_000 : false,
    },
  );

  const decimal = (value: number) => formats.number(Math.round(value * 10) / 10);
  const columns: TableColumnsType<Packer> = [
    { key: 'name', title: t('stats.packer'), render: (_, row) => row.displayName },
    {
      key: 'orders',
      title: t('stats.orders'),
      align: 'end',
      render: (_, r) => formats.number(r.orders),
    },
    {
      key: 'units',
      title: t('stats.units'),
      align: 'end',
      render: (_, r) => formats.number(r.units),
    },
    {
      key: 'oph',
      title: t('stats.ordersPerHour'),
      align: 'end',
      render: (_, r) => decimal(r.ordersPerHour),
    },
    {
      key: 'uph',
      title: t('stats.unitsPerHour'),
      align: 'end',
      render: (_, r) => decimal(r.unitsPerHour),
    },
    {
      key: 'wrong',
      title: t('stats.wrongScans'),
      align: 'end',
      render: (_, r) => formats.number(r.wrongScans),
    },
    {
      key: 'avg',
      title: t('stats.averageTime'),
      align: 'end',
      render: (_, r) => t('stats.seconds', { value: decimal(r.averageSecondsPerOrder) }),
    },
  ];

  return (
    <>
      <PageTitle>{t('stats.title')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" component="div" style={{ rowGap: 8 }}>
          <Form.Item label={t('stats.period')}>
            <Radio.Group
              aria-label={t('stats.period')}
              optionType="button"
              value={period}
              onChange={(event) => setPeriod(event.target.value as Period)}
              options={[
                { value: 'today', label: t('stats.today') },
                { value: 'range', label: t('stats.range') },
              ]}
            />
          </Form.Item>
          {period === 'range' && (
            <>
              <Form.Item label={t('stats.from')} htmlFor="stats-from">
                <Input
                  id="stats-from"
                  type="date"
                  value={from}
                  max={to}
                  onChange={(e) => setFrom(e.target.value)}
                />
              </Form.Item>
              <Form.Item label={t('stats.to')} htmlFor="stats-to">
                <Input
                  id="stats-to"
                  type="date"
                  value={to}
                  min={from}
                  onChange={(e) => setTo(e.target.value)}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Card>
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Table<Packer>
          rowKey="userId"
          loading={stats.isPending && range !== null}
          pagination={false}
          columns={columns}
          dataSource={stats.data?.packers ?? []}
          aria-label={t('stats.table')}
          locale={{ emptyText: t('stats.none') }}
        />
      )}
    </>
  );
}
