import {
  CheckOutlined,
  PlusSquareOutlined,
  RollbackOutlined,
  StepForwardOutlined,
} from '@ant-design/icons';
import { Button, Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PACKING_COMMANDS } from '../../../../shared/schemas/packing.schema';

type Command = (typeof PACKING_COMMANDS)[number];

/** The same four commands as the printed command barcodes, for when a mouse is at hand. */
export function CommandButtons({
  hasPosting,
  onCommand,
}: {
  hasPosting: boolean;
  onCommand: (command: Command) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t('packing.commands')} size="small">
      <Flex gap="small" wrap>
        <Button
          type="primary"
          size="large"
          icon={<CheckOutlined aria-hidden />}
          disabled={!hasPosting}
          onClick={() => onCommand('complete')}
        >
          {t('packing.commandNames.complete')}
        </Button>
        <Button
          size="large"
          icon={<PlusSquareOutlined aria-hidden />}
          disabled={!hasPosting}
          onClick={() => onCommand('new_package')}
        >
          {t('packing.commandNames.new_package')}
        </Button>
        <Button
          size="large"
          icon={<RollbackOutlined aria-hidden />}
          onClick={() => onCommand('undo')}
        >
          {t('packing.commandNames.undo')}
        </Button>
        <Button
          size="large"
          icon={<StepForwardOutlined aria-hidden />}
          disabled={!hasPosting}
          onClick={() => onCommand('skip')}
        >
          {t('packing.commandNames.skip')}
        </Button>
      </Flex>
    </Card>
  );
}
