import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * For a label the scanner cannot read: type the number and press Enter. Typed at human speed it
 * is never taken for a scan; a scan while this field has focus still counts as a scan and leaves
 * the field as it was.
 */
export function ManualEntry({ onSubmit }: { onSubmit: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = () => {
    const trimmed = code.trim();
    if (trimmed === '') return;
    onSubmit(trimmed);
    setCode('');
  };
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={t('packing.manualLabel')} htmlFor="packing-manual" style={{ margin: 0 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id="packing-manual"
            value={code}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('packing.manualPlaceholder')}
            onChange={(event) => setCode(event.target.value)}
            onPressEnter={submit}
          />
          <Button onClick={submit}>{t('packing.manualSubmit')}</Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
