import {
  Button,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { METHOD_NAMES } from '../../../../shared/contract/channels';
import type { AuditEntry } from '../../../../shared/schemas/audit.schema';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat';
import { useAuditLog, type AuditFilters } from './useAuditLog';

const OUTCOME_COLORS: Record<AuditEntry['outcome'], string> = {
  ok: 'green',
  denied: 'orange',
  failed: 'red',
};

interface FilterValues {
  username?: string;
  method?: string;
}

function toFilters({ username, method }: FilterValues): AuditFilters {
  const name = username?.trim().toLowerCase();
  return { ...(name ? { username: name } : {}), ...(method ? { method } : {}) };
}

export function AuditPage() {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useAuditLog(filters);

  const origin = (value: string) =>
    value === 'desktop'
      ? t('audit.desktop')
      : value.startsWith('http:')
        ? t('audit.station', { address: value.slice('http:'.length) })
        : value;

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.time'),
      dataIndex: 'at',
      render: (at: number) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
    {
      key: 'user',
      title: t('audit.user'),
      dataIndex: 'username',
      render: (username: string | null) =>
        username ?? <Typography.Text type="secondary">{t('audit.noUser')}</Typography.Text>,
    },
    {
      key: 'method',
      title: t('audit.method'),
      dataIndex: 'method',
      render: (method: string) => <code>{method}</code>,
    },
    {
      key: 'outcome',
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (outcome: AuditEntry['outcome']) => (
        <Tag color={OUTCOME_COLORS[outcome]}>{t(`audit.outcomes.${outcome}`)}</Tag>
      ),
    },
    { key: 'origin', title: t('audit.origin'), dataIndex: 'origin', render: origin },
    {
      key: 'detail',
      title: t('audit.detail'),
      dataIndex: 'detail',
      // Inputs can be long JSON; wrapping keeps the table within the screen.
      render: (detail: string) => (
        <Typography.Text
          code
          style={{ display: 'inline-block', maxWidth: 480, wordBreak: 'break-all', fontSize: 12 }}
        >
          {detail}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Form<FilterValues>
        form={form}
        name="auditFilters"
        layout="inline"
        aria-label={t('audit.filters')}
        onFinish={(values) => setFilters(toFilters(values))}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="username" label={t('audit.username')}>
          <Input allowClear autoCapitalize="none" spellCheck={false} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="method" label={t('audit.method')}>
          <Select
            allowClear
            showSearch
            virtual={false}
            placeholder={t('audit.allMethods')}
            style={{ width: 240 }}
            options={METHOD_NAMES.map((method) => ({ value: method, label: method }))}
          />
        </Form.Item>
        <Flex gap="small">
          <Button type="primary" htmlType="submit">
            {t('audit.apply')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('audit.clear')}
          </Button>
        </Flex>
      </Form>
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            aria-label={t('audit.tableLabel')}
            rowKey="id"
            size="small"
            loading={log.isPending}
            columns={columns}
            dataSource={log.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          <Flex justify="center" style={{ marginTop: 16 }}>
            {log.hasNextPage ? (
              <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            ) : (
              log.isSuccess && (
                <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
              )
            )}
          </Flex>
        </>
      )}
    </>
  );
}
