import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { errorText, fieldErrorText } from '../i18n/error-text';

/**
 * Shows a failed call on its form: field codes from the core next to their fields, anything
 * else as one message above. The error is kept, not its text, so it follows a language change.
 */
export function useApiFormErrors<Values>(form: FormInstance<Values>) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);

  const report = useCallback(
    (failure: unknown) => {
      const fields =
        failure instanceof ApiCallError ? Object.entries(failure.error.fields ?? {}) : [];
      const present = new Set(Object.keys(form.getFieldsValue() ?? {}));
      const placed = fields.filter(([path]) => present.has(path));
      form.setFields(
        placed.map(([path, code]) => ({ name: path as never, errors: [fieldErrorText(t, code)] })),
      );
      setError(placed.length > 0 && placed.length === fields.length ? null : failure);
    },
    [form, t],
  );

  const clear = useCallback(() => setError(null), []);

  return { message: error === null ? null : errorText(t, error), report, clear };
}
