import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormModalProps<Values> {
  /** Also the form's `name`, which prefixes field ids so they stay unique on the page. */
  name: string;
  title: string;
  open: boolean;
  form: FormInstance<Values>;
  submitText: string;
  pending: boolean;
  error: string | null;
  onSubmit: (values: Values) => void;
  onClose: () => void;
  children: ReactNode;
  /** Extra footer actions shown before Cancel (for example "Clear PIN"). */
  extraActions?: ReactNode;
  /** The dismiss button's text, where "Cancel" would be ambiguous (cancelling a posting). */
  cancelText?: string;
}

/**
 * A modal whose whole body and footer sit inside one `<form>`, so Enter in any field submits
 * and the OK button is a real submit button. Fields unmount on close, so it reopens empty.
 */
export function FormModal<Values>(props: FormModalProps<Values>) {
  const { t } = useTranslation();
  const { form, name } = props;
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.submitText}
      cancelText={props.cancelText ?? t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: props.pending }}
      onCancel={props.onClose}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {props.extraActions}
          <CancelBtn />
          <OkBtn />
        </>
      )}
      modalRender={(dialog) => (
        <Form<Values>
          form={form}
          name={name}
          layout="vertical"
          requiredMark={false}
          onFinish={props.onSubmit}
          clearOnDestroy
        >
          {dialog}
        </Form>
      )}
    >
      {props.error !== null && (
        <Alert type="error" showIcon title={props.error} style={{ marginBottom: 16 }} />
      )}
      {props.children}
    </Modal>
  );
}
