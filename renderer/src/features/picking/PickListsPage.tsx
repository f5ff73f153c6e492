import { Button, Card, Col, Row, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { pickListSummary } from '../../../../shared/schemas/packing.schema';
import { useApiQuery } from '../../api/useApiQuery';
import { setRouteParam, useRouteParam } from '../../navigation/router';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useFormats } from '../../i18n/useFormats';
import { CreatePickListForm } from './CreatePickListForm';
import { PickListView } from './PickListView';

type Summary = z.infer<typeof pickListSummary>;

/** Gather postings into pick lists, see recent ones, open and print one. */
export function PickListsPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const lists = useApiQuery(['picking', 'list'], 'picking.list', {});
  const selected = Number(useRouteParam('list') ?? '') || null;
  const open = (id: number) => setRouteParam('list', String(id));

  const columns: TableColumnsType<Summary> = [
    {
      key: 'id',
      title: t('picking.number'),
      width: 110,
      render: (_, list) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(list.id)}>
          {t('picking.listTitle', { id: formats.number(list.id) })}
        </Button>
      ),
    },
    {
      key: 'created',
      title: t('picking.created'),
      render: (_, list) => formats.dateTime(list.createdAt),
    },
    { key: 'by', title: t('picking.createdBy'), render: (_, list) => list.createdBy ?? '—' },
    {
      key: 'postings',
      title: t('picking.postings'),
      align: 'end',
      render: (_, list) => formats.number(list.postings),
    },
    {
      key: 'units',
      title: t('picking.units'),
      align: 'end',
      render: (_, list) => formats.number(list.units),
    },
  ];

  return (
    <>
      <PageTitle>{t('picking.title')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <CreatePickListForm onCreated={(list) => open(list.id)} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('picking.recent')} size="small">
            {lists.isError ? (
              <QueryError error={lists.error} onRetry={() => void lists.refetch()} />
            ) : (
              <Table<Summary>
                rowKey="id"
                size="small"
                loading={lists.isPending}
                pagination={false}
                columns={columns}
                dataSource={lists.data ?? []}
                aria-label={t('picking.recent')}
                rowClassName={(list) => (list.id === selected ? 'ant-table-row-selected' : '')}
                locale={{ emptyText: t('picking.none') }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {selected !== null && <PickListView key={selected} pickListId={selected} />}
        </Col>
      </Row>
    </>
  );
}
