// TEMPORARY: replaced by the printing issue's pick list, manifest and preview handlers.
import type { HandlerMap } from '../api/context';
import { ApiFailure } from '../api/failure';

const notYet = () => Promise.reject(new ApiFailure('invalid_state', 'Not built yet'));

export const printDocumentHandlers: HandlerMap<
  'printing.printPickList' | 'printing.printManifest' | 'printing.preview'
> = {
  'printing.printPickList': notYet,
  'printing.printManifest': notYet,
  'printing.preview': notYet,
};
