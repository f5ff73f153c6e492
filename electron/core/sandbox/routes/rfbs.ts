import { badRequest } from '../errors';
import { type JsonObject, optionalArray, requiredString } from '../json';
import type { RouteContext, RouteTable } from './route';

function rows(results: { posting_number: string; error: string }[]) {
  return { json: { result: results.map((row) => ({ ...row, result: row.error === '' })) } };
}

function trackingNumbers(body: JsonObject, { state }: RouteContext) {
  const items = optionalArray(body, 'tracking_numbers');
  if (items.length === 0) throw badRequest('tracking_numbers is required');
  if (items.length > 20)
    throw badRequest('tracking_numbers: value must contain no more than 20 item(s)');
  return rows(
    items.map((raw) => {
      const item = (raw ?? {}) as JsonObject;
      const postingNumber = requiredString(item, 'posting_number');
      const error = state.setTracking(postingNumber, requiredString(item, 'tracking_number'));
      return { posting_number: postingNumber, error };
    }),
  );
}

function move(action: 'markDelivering' | 'markDelivered') {
  return (body: JsonObject, { state }: RouteContext) => {
    const numbers = optionalArray(body, 'posting_number').map(String);
    if (numbers.length === 0) throw badRequest('posting_number is required');
    return rows(
      numbers.map((number) => ({ posting_number: number, error: state[action](number) })),
    );
  };
}

/** rFBS: the seller's own delivery. Status moves are accepted now and applied a moment later. */
export const rfbsRoutes: RouteTable = {
  '/v2/fbs/posting/tracking-number/set': { handle: trackingNumbers },
  '/v2/fbs/posting/delivering': { handle: move('markDelivering') },
  '/v2/fbs/posting/delivered': { handle: move('markDelivered') },
};
