import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Client-side mirrors of the contract's field rules (shared/schemas/common.schema.ts), so most
 * mistakes are caught before a round trip. The core validates again; these only save time.
 */
export interface FieldRules {
  required: FormRule;
  username: FormRule[];
  displayName: FormRule[];
  password: FormRule[];
  pin: FormRule;
  /** The confirmation field must repeat `field`. */
  sameAs: (field: string) => FormRule;
}

export function useFieldRules(): FieldRules {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = {
      required: true,
      whitespace: true,
      message: t('validation.required'),
    };
    return {
      required,
      username: [
        required,
        {
          pattern: /^\s*[a-zA-Z0-9._-]{2,32}\s*$/,
          message: t('validation.username'),
        },
      ],
      displayName: [required, { max: 80, message: t('validation.tooLong', { max: 80 }) }],
      password: [
        { required: true, message: t('validation.required') },
        { min: 8, message: t('validation.passwordLength') },
        { max: 256, message: t('validation.tooLong', { max: 256 }) },
      ],
      pin: { pattern: /^\d{4,8}$/, message: t('validation.pin') },
      sameAs:
        (field) =>
        ({ getFieldValue }) => ({
          validator: (_rule, value) =>
            !value || getFieldValue(field) === value
              ? Promise.resolve()
              : Promise.reject(new Error(t('validation.passwordsDiffer'))),
        }),
    };
  }, [t]);
}
