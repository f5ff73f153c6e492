import { BarcodeOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Row, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setRouteParam, useRouteParam } from '../../navigation/router';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useFormats } from '../../i18n/useFormats';
import { useScanEvents } from '../../scanner';
import { SwitchOperatorModal } from '../auth/SwitchOperatorModal';
import { ScanHistory } from '../counter/ScanHistory';
import { preloadVerdictSounds } from '../counter/verdict-sound';
import { LatestVerdictBanner } from '../counter/VerdictBanner';
import { CommandButtons } from './CommandButtons';
import { CommandSheet } from './CommandSheet';
import { ManualEntry } from './ManualEntry';
import { PackagesPanel } from './PackagesPanel';
import { PostingPanel } from './PostingPanel';
import { usePackingCounter } from './usePackingCounter';

/**
 * The packer's whole day: scan a posting, scan its items, complete. Everything works from the
 * scanner (command barcodes included); the buttons and the code field are there for the rest.
 */
export function PackingPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const [switching, setSwitching] = useState(false);
  const openSwitch = useCallback(() => setSwitching(true), []);
  const { current, verdicts, lastSku, history, stopped, dismissStop, scan, command } =
    usePackingCounter(openSwitch);
  const sheet = useRouteParam('sheet') === 'commands';

  useEffect(preloadVerdictSounds, []);

  // While the operator dialog asks for a PIN, the keyboard belongs to it.
  useScanEvents(scan, !switching && !sheet);

  if (sheet) {
    return (
      <>
        <PageTitle>{t('packing.commandSheet')}</PageTitle>
        <CommandSheet onBack={() => setRouteParam('sheet', null)} />
      </>
    );
  }

  const state = current.data;
  const session = state?.session ?? null;

  return (
    <>
      <Flex align="center" gap="middle" wrap style={{ marginBottom: 16 }}>
        <PageTitle>{t('packing.title')}</PageTitle>
        <Space wrap style={{ marginInlineStart: 'auto' }}>
          {state && (
            <Tag
              icon={<CloudUploadOutlined aria-hidden />}
              color={state.waitingToSync > 0 ? 'warning' : 'default'}
              role="status"
              aria-label={t('packing.syncLabel')}
              style={{ fontSize: 14, padding: '4px 10px' }}
            >
              {state.waitingToSync > 0
                ? t('packing.waitingToSync', {
                    count: state.waitingToSync,
                    n: formats.number(state.waitingToSync),
                  })
                : t('packing.allSynced')}
            </Tag>
          )}
          <Button
            icon={<BarcodeOutlined aria-hidden />}
            onClick={() => setRouteParam('sheet', 'commands')}
          >
            {t('packing.openCommandSheet')}
          </Button>
        </Space>
      </Flex>
      <Flex vertical gap="middle">
        <LatestVerdictBanner store={verdicts} label={t('packing.verdictLabel')} />
        {stopped !== null && (
          <Alert
            type="error"
            showIcon
            title={t('packing.cancelledTitle')}
            description={t('packing.cancelledText', { posting: stopped })}
            action={
              <Button danger onClick={dismissStop}>
                {t('packing.understood')}
              </Button>
            }
            style={{ fontSize: 18 }}
          />
        )}
        {current.isError && !state && (
          <QueryError error={current.error} onRetry={() => void current.refetch()} />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <PostingPanel session={session} lastSku={lastSku} />
          </Col>
          <Col xs={24} xl={8}>
            <Flex vertical gap="middle">
              {session && <PackagesPanel session={session} />}
              <CommandButtons hasPosting={session !== null} onCommand={command} />
              <ManualEntry onSubmit={(code) => scan({ code, source: 'screen', at: Date.now() })} />
              <ScanHistory entries={history} title={t('packing.history')} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      <SwitchOperatorModal open={switching} onClose={() => setSwitching(false)} />
    </>
  );
}
