/**
 * One warehouse stock figure to send to a marketplace. Declared here, below the core's floors,
 * because the outbox stores it as an action payload and the connectors send it.
 */
export interface StockUpdate {
  /** The marketplace's product id; Ozon's schema requires it beside the seller's offer id. */
  productId: string;
  offerId: string;
  warehouseId: string;
  stock: number;
}
