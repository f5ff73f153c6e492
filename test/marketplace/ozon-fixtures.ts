import { expect } from 'vitest';
import { MarketplaceError, type FailureKind } from '../../electron/core/marketplace/connector';
import {
  createOzonConnector,
  type OzonConnectorOptions,
} from '../../electron/core/marketplace/ozon/index';
import { validateRequest } from '../sandbox/openapi';
import type { FakeOzon } from './fake-ozon';

/**
 * Canned Ozon replies, written as raw JSON text the way Ozon sends them: the ids above 2^53
 * (order 9007199254740993 = 2^53 + 1, warehouse 1020005003107121000) would be altered by
 * JSON.parse, so they prove the connector never uses it.
 */
export const BIG_ORDER_ID = '9007199254740993';
export const BIG_WAREHOUSE_ID = '1020005003107121000';
export const BIG_SKU = '9223372036854775001';

export function postingJson(
  overrides: {
    number?: string;
    status?: string;
    price?: string;
  } = {},
): string {
  const number = overrides.number ?? '0132112277-0101-1';
  return `{"posting_number":"${number}","order_id":${BIG_ORDER_ID},
    "order_number":"0132112277-0101","status":"${overrides.status ?? 'awaiting_packaging'}",
    "substatus":"posting_created","in_process_at":"2026-03-30T11:26:00Z",
    "shipment_date":"2026-03-31T09:00:00.5Z","tracking_number":"","tpl_integration_type":"ozon",
    "delivery_method":{"id":1020005003107121001,"name":"Ozon delivery, Noginsk",
      "warehouse_id":${BIG_WAREHOUSE_ID}},
    "products":[
      {"sku":827098843,"offer_id":"SK-58","name":"Curling iron","quantity":1,
       "price":{"amount":"${overrides.price ?? '1530.00'}","currency":"RUB"}},
      {"sku":${BIG_SKU},"offer_id":"SK-59","name":"Hair dryer","quantity":2,
       "price":{"amount":"0.5000","currency":"RUB"}}],
    "barcodes":{"upper_barcode":"711008270053000","lower_barcode":"711008270053000"},
    "cancellation":{"cancel_reason_id":0,"cancel_reason":"","cancellation_type":"",
      "cancelled_after_ship":false},
    "available_actions":["cancel","product_cancel","ship","ship_async"]}`;
}

export const CLIENT_ID = '123456';
export const API_KEY = 'f0e1d2c3-secret-key';

export function connectorFor(fake: FakeOzon, options: Partial<OzonConnectorOptions> = {}) {
  return createOzonConnector({
    baseUrl: fake.url,
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    timeoutMs: 2_000,
    ...options,
  });
}

/** Awaits a rejection and checks it is a MarketplaceError of this kind. */
export async function failure(promise: Promise<unknown>, kind: FailureKind) {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${kind} failure, but the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MarketplaceError);
  const marketplaceError = error as MarketplaceError;
  expect({ kind: marketplaceError.kind, message: marketplaceError.message }).toMatchObject({
    kind,
  });
  return marketplaceError;
}

/**
 * Every POST the connector sent must carry the auth headers and match Ozon's OpenAPI request
 * schema, with unknown properties refused (test/sandbox/openapi.ts), so a misspelt field fails
 * here instead of being silently ignored by Ozon.
 */
export function expectValidRequests(
  requests: { method: string; path: string; text: string; headers?: Record<string, unknown> }[],
): void {
  for (const request of requests) {
    if (request.method !== 'POST') continue;
    if (request.headers) {
      expect(request.headers['client-id'], request.path).toBe(CLIENT_ID);
      expect(request.headers['api-key'], request.path).toBe(API_KEY);
      expect(request.headers['content-type'], request.path).toBe('application/json');
    }
    expect(
      validateRequest(request.path, request.text).errors,
      `${request.path} ${request.text}`,
    ).toEqual([]);
  }
}

/** A clock that only moves when the connector sleeps: rate limits without real waiting. */
export function fakeClock(start = Date.parse('2026-05-14T08:00:00Z')) {
  const clock = {
    t: start,
    slept: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}
