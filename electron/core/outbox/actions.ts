import type { ShipmentPackage } from '../../../shared/domain/postings';
import type { StockUpdate } from '../../../shared/domain/stock';

/** What each outbox action carries. The payload is stored as JSON in `outbox.payload`. */
export interface ActionPayloads {
  ship: { postingNumber: string; packages: ShipmentPackage[] };
  cancel: { postingNumber: string; reasonId: string; message?: string };
  stock: StockUpdate;
  archive: { productId: string; archived: boolean };
  tracking: { postingNumber: string; trackingNumber: string };
  delivering: { postingNumber: string };
  delivered: { postingNumber: string };
}
export type ActionName = keyof ActionPayloads;

/** The subject orders actions: one posting's actions go out strictly one after another. */
export function subjectOf<A extends ActionName>(action: A, payload: ActionPayloads[A]): string {
  if (action === 'stock') {
    const stock = payload as StockUpdate;
    return `stock:${stock.offerId}@${stock.warehouseId}`;
  }
  if (action === 'archive') return `product:${(payload as ActionPayloads['archive']).productId}`;
  return `posting:${(payload as { postingNumber: string }).postingNumber}`;
}

/**
 * Marketplace refusals that mean "this already happened": a retry after an uncertain outcome
 * meets the effect of the first attempt, which is success, not failure.
 */
export const ALREADY_DONE: Partial<Record<ActionName, string[]>> = {
  ship: ['POSTING_ALREADY_SHIPPED'],
  cancel: ['POSTING_ALREADY_CANCELLED'],
};
