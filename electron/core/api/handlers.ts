import { accountsHandlers } from '../accounts/accounts.handlers';
import { auditHandlers } from '../audit/audit.handlers';
import { authHandlers } from '../auth/auth.handlers';
import { counterHandlers } from '../packing/counter.stubs';
import { postingsHandlers } from '../postings/postings.handlers';
import { printDocumentHandlers } from '../printing/documents.stubs';
import { printingHandlers } from '../printing/printing.handlers';
import { productsHandlers } from '../products/products.handlers';
import { setupHandlers } from '../setup/setup.handlers';
import { shopHandlers } from '../shop/shop.handlers';
import { outboxHandlers } from '../sync/outbox.handlers';
import { usersHandlers } from '../users/users.handlers';
import type { Handlers } from './registry';

/** Every method of the contract, by domain. The type makes a missing handler a compile error. */
export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...shopHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...accountsHandlers,
  ...postingsHandlers,
  ...productsHandlers,
  ...outboxHandlers,
  ...printingHandlers,
  ...printDocumentHandlers,
  ...counterHandlers,
};
