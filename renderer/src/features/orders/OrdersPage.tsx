import {
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POSTING_STATUSES, type PostingStatus } from '../../../../shared/domain/postings';
import { setRouteParam, useRouteParam } from '../../navigation/router';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useFormats } from '../../i18n/useFormats';
import { PostingDrawer } from './PostingDrawer';
import { LocalStateTag, StatusTag } from './StatusTag';
import { usePostings, type Posting, type PostingFilters } from './usePostings';

const SEARCH_DELAY_MS = 150;
/** Fetch the next page while this many pixels of rows are still below the visible ones. */
const PREFETCH_PX = 1200;
const MIN_TABLE_HEIGHT = 320;

/** The height left for the table's body down to the bottom of the window. */
function useAvailableHeight(below: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(MIN_TABLE_HEIGHT, Math.floor(window.innerHeight - top - below)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [below]);
  return { ref, height };
}

export function OrdersPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<PostingStatus | undefined>();
  const [query, setQuery] = useState('');
  const selected = useRouteParam('posting');

  // Type-ahead: a short pause before asking, Enter asks at once.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const filters: PostingFilters = {
    ...(query ? { query } : {}),
    ...(status ? { status } : {}),
  };
  const postings = usePostings(filters);
  const rows = postings.data ?? [];
  // Table header (≈40 px), the status line below it and the page's bottom padding.
  const { ref, height } = useAvailableHeight(40 + 40 + 24);

  const open = (postingNumber: string) => setRouteParam('posting', postingNumber);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const { scrollTop, scrollHeight, clientHeight } = event.currentTarget;
    if (
      scrollHeight - scrollTop - clientHeight < PREFETCH_PX &&
      postings.hasNextPage &&
      !postings.isFetchingNextPage
    ) {
      void postings.fetchNextPage();
    }
  };

  const time = (at: number | null) => (at === null ? '' : formats.dateTime(at));

  const columns: TableColumnsType<Posting> = [
    {
      key: 'postingNumber',
      title: t('orders.postingNumber'),
      dataIndex: 'postingNumber',
      width: 210,
      ellipsis: true,
      // A real button, so a keyboard reaches every posting and Enter opens it.
      render: (postingNumber: string) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={(event) => {
            event.stopPropagation();
            open(postingNumber);
          }}
        >
          <span dir="ltr">{postingNumber}</span>
        </Button>
      ),
    },
    {
      key: 'orderNumber',
      title: t('orders.orderNumber'),
      dataIndex: 'orderNumber',
      width: 170,
      ellipsis: true,
      render: (orderNumber: string) => <span dir="ltr">{orderNumber}</span>,
    },
    {
      key: 'status',
      title: t('orders.status'),
      dataIndex: 'status',
      width: 140,
      render: (value: PostingStatus) => <StatusTag status={value} />,
    },
    {
      key: 'localState',
      title: t('orders.localState'),
      dataIndex: 'localState',
      width: 140,
      render: (state: Posting['localState'], posting) => (
        <Flex vertical align="start" gap={4}>
          <LocalStateTag state={state} />
          {posting.shipFailed && (
            <Typography.Text type="warning">{t('orders.shipFailed')}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'created',
      title: t('orders.created'),
      dataIndex: 'inProcessAt',
      width: 190,
      ellipsis: true,
      render: time,
    },
    {
      key: 'shipBy',
      title: t('orders.shipBy'),
      dataIndex: 'shipmentDate',
      width: 190,
      ellipsis: true,
      render: time,
    },
    {
      key: 'items',
      title: t('orders.itemCount'),
      dataIndex: 'itemCount',
      width: 90,
      align: 'end',
      render: (count: number) => formats.number(count),
    },
  ];
  const tableWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0);

  return (
    <>
      <PageTitle>{t('orders.title')}</PageTitle>
      <Form
        layout="inline"
        role="search"
        aria-label={t('orders.filters')}
        style={{ marginBottom: 16, rowGap: 8 }}
        onSubmitCapture={(event) => event.preventDefault()}
      >
        <Form.Item label={t('orders.search')} htmlFor="orders-search">
          <Input
            id="orders-search"
            type="search"
            value={text}
            allowClear
            autoComplete="off"
            spellCheck={false}
            inputMode="search"
            placeholder={t('orders.searchPlaceholder')}
            style={{ width: 260 }}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => setQuery(text.trim())}
          />
        </Form.Item>
        <Form.Item label={t('orders.status')} htmlFor="orders-status">
          <Select<PostingStatus>
            id="orders-status"
            allowClear
            virtual={false}
            value={status ?? null}
            placeholder={t('orders.allStatuses')}
            style={{ width: 200 }}
            onChange={(value) => setStatus(value ?? undefined)}
            options={POSTING_STATUSES.map((value) => ({
              value,
              label: t(`orders.statuses.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
      {/* A virtual table renders its body outside the <table>, so the landmark carries the name. */}
      <div ref={ref} role="region" aria-label={t('orders.tableLabel')}>
        {postings.isError && !postings.data ? (
          <QueryError error={postings.error} onRetry={() => void postings.refetch()} />
        ) : (
          <>
            <Table<Posting>
              // A new search starts at the top of the list again.
              key={JSON.stringify(filters)}
              rowKey="id"
              size="small"
              virtual
              loading={postings.isPending}
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: tableWidth, y: height }}
              onScroll={onScroll}
              onRow={(posting) => ({
                onClick: () => open(posting.postingNumber),
                style: { cursor: 'pointer' },
              })}
              locale={{
                emptyText: (
                  <Empty
                    description={query || status ? t('orders.noMatch') : t('orders.noneYet')}
                  />
                ),
              }}
            />
            <Flex align="center" gap="small" style={{ minHeight: 40, paddingTop: 8 }}>
              <Typography.Text type="secondary" aria-live="polite">
                {postings.isSuccess &&
                  (postings.isFetchingNextPage
                    ? t('orders.loadingMore', { count: formats.number(rows.length) })
                    : postings.hasNextPage
                      ? t('orders.shownMore', { count: formats.number(rows.length) })
                      : t('orders.shownAll', { count: formats.number(rows.length) }))}
              </Typography.Text>
            </Flex>
          </>
        )}
      </div>
      <PostingDrawer postingNumber={selected} onClose={() => setRouteParam('posting', null)} />
    </>
  );
}
