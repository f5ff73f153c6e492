import { accountsHandlers } from './accounts/accounts.handlers';
import { warehousesHandlers } from './accounts/warehouses.handlers';
import { auditHandlers } from './audit/audit.handlers';
import { authHandlers } from './auth/auth.handlers';
import { dispatchHandlers } from './dispatch/dispatch.handlers';
import { scannersHandlers } from './counter/scanners.handlers';
import type { PrintOnComplete } from './packing/completion';
import { createPackingHandlers } from './packing/packing.handlers';
import { pickingHandlers } from './picking/picking.handlers';
import { postingsHandlers } from './postings/postings.handlers';
import { printDocumentHandlers } from './documents/documents.handlers';
import { printingHandlers } from './documents/printing.handlers';
import { productsHandlers } from './products/products.handlers';
import { setupHandlers } from './setup/setup.handlers';
import { shopHandlers } from './shop/shop.handlers';
import { statsHandlers } from './stats/stats.handlers';
import { outboxHandlers } from './sync/outbox.handlers';
import { usersHandlers } from './users/users.handlers';
import type { Handlers } from './api/registry';

/**
 * Every method of the contract, by domain. The type makes a missing handler a compile error.
 * `deps` carries what a domain needs from a floor above it (the documents the counter prints).
 */
export function createHandlers(deps: { printOnComplete: PrintOnComplete }): Handlers {
  return {
    ...setupHandlers,
    ...authHandlers,
    ...shopHandlers,
    ...usersHandlers,
    ...auditHandlers,
    ...accountsHandlers,
    ...warehousesHandlers,
    ...postingsHandlers,
    ...productsHandlers,
    ...outboxHandlers,
    ...printingHandlers,
    ...printDocumentHandlers,
    ...createPackingHandlers(deps),
    ...pickingHandlers,
    ...dispatchHandlers,
    ...statsHandlers,
    ...scannersHandlers,
  };
}
