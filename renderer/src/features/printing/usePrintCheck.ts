import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isTrouble, useRefreshStatus } from './usePrinting';

/**
 * Before anything is sent: ask the printer how it is, show the answer on the page, and when it
 * reports paper out, an open cover or no connection, let the person fix it first or send anyway
 * (the queue checks again and fails the job with the reason rather than calling it printed).
 * A status that cannot be read does not block printing.
 */
export function usePrintCheck() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const refresh = useRefreshStatus();
  return useCallback(
    async (printer: { id: number; name: string }): Promise<boolean> => {
      let status;
      try {
        status = await refresh(printer.id);
      } catch {
        return true;
      }
      if (!isTrouble(status.state)) return true;
      return new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('printing.check.title', {
            name: printer.name,
            state: t(`printing.states.${status.state}`),
          }),
          content: t('printing.check.text'),
          okText: t('printing.check.printAnyway'),
          cancelText: t('common.cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
    },
    [modal, refresh, t],
  );
}
