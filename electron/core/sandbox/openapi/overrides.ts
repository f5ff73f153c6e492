/**
 * Where Ozon's published schema (resources/marketplace/ozon-seller-openapi.json) and Ozon's real
 * behaviour part ways. The schema file itself is never edited; each deviation is listed here,
 * with the lines of the Ozon notes (`marketplace/ozon-seller-api.md`, the reference issue #9
 * names) it relies on, and each has a test in test/sandbox/openapi-overrides.test.ts.
 * Everything else is checked exactly as the schema says.
 */

export type Schema = Record<string, unknown>;

export interface OperationSchemas {
  request: Schema | null;
  /** By HTTP status, as in the schema's `responses`. */
  responses: Record<string, Schema>;
}

export interface Override {
  /** The lines of ozon-seller-api.md that establish the deviation. */
  reference: string;
  why: string;
  /** Component schemas changed before use, by name. */
  patchComponents?: Record<string, (schema: Schema) => Schema>;
  /** Component schemas the copy lacks. */
  addComponents?: Record<string, Schema>;
  /** Operations the copy lacks (`POST` only, like every operation the sandbox serves). */
  addOperations?: Record<string, OperationSchemas>;
  /** Paths whose 200 reply is raw `%PDF-` bytes, not JSON. */
  rawPdfReplies?: string[];
  /** The body of an error status an operation does not declare. */
  undeclaredErrorReply?: Schema;
  /** Requests may write int64 values as decimal strings. */
  int64TextInRequests?: boolean;
}

const RPC_STATUS: Schema = { $ref: '#/components/schemas/rpcStatus' };

export const OVERRIDES = {
  stockWithoutQuantSize: {
    reference: 'ozon-seller-api.md lines 373–375 (§4, Update stock)',
    why:
      '`/v2/products/stocks` lists `quant_size` as required, but the field was removed; the ' +
      'method takes `offer_id`, `product_id`, `warehouse_id` and `stock`.',
    patchComponents: {
      productv2ProductsStocksRequestStock: (schema) => ({
        ...schema,
        required: (schema.required as string[]).filter((name) => name !== 'quant_size'),
      }),
    },
  },

  legacyLabelIsPdf: {
    reference: 'ozon-seller-api.md lines 297–300 (§3.3, Labels)',
    why:
      '`/v2/posting/fbs/package-label` answers the raw PDF (`application/pdf`) since 14 Jul ' +
      '2023; the schema still shows a JSON `{content_type, file_name, file_content}` wrapper.',
    rawPdfReplies: ['/v2/posting/fbs/package-label'],
  },

  labelTaskApi: {
    reference: 'ozon-seller-api.md lines 309–313 (§3.3, Labels: "New (S2, 24 Sept 2026)")',
    why:
      '`/v3/posting/fbs/package-label/create` and `/v2/posting/fbs/package-label/get` came ' +
      'after this copy of the schema; their shapes are written from the documentation.',
    addComponents: {
      'sandbox.LabelCreateV3Request': {
        type: 'object',
        required: ['posting_numbers'],
        properties: { posting_numbers: { type: 'array', items: { type: 'string' } } },
      },
      'sandbox.LabelCreateV3Response': {
        type: 'object',
        properties: {
          tasks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                task_id: { type: 'integer', format: 'int64' },
                task_type: { type: 'string', enum: ['big_label', 'small_label'] },
              },
            },
          },
        },
      },
      'sandbox.LabelGetV2Request': {
        type: 'object',
        required: ['task_id'],
        properties: { task_id: { type: 'integer', format: 'int64' } },
      },
      'sandbox.LabelGetV2Response': {
        type: 'object',
        properties: {
          status: {
            type: 'object',
            properties: {
              code: { type: 'string', enum: ['pending', 'in_progress', 'completed', 'error'] },
              postings_count: { type: 'integer', format: 'int32' },
              printed_postings_count: { type: 'integer', format: 'int32' },
              unprinted_postings: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { posting_number: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
          file_url: { type: 'string' },
          error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    addOperations: {
      '/v3/posting/fbs/package-label/create': {
        request: { $ref: '#/components/schemas/sandbox.LabelCreateV3Request' },
        responses: { '200': { $ref: '#/components/schemas/sandbox.LabelCreateV3Response' } },
      },
      '/v2/posting/fbs/package-label/get': {
        request: { $ref: '#/components/schemas/sandbox.LabelGetV2Request' },
        responses: { '200': { $ref: '#/components/schemas/sandbox.LabelGetV2Response' } },
      },
    },
  },

  errorBodyForEveryStatus: {
    reference:
      'ozon-seller-api.md lines 47–51 (§1.2, error body `rpcStatus`) and 75–76 (§1.3, 429)',
    why:
      '429 is not declared per operation, yet every method answers it past a limit, and other ' +
      'undeclared error statuses (413 for an oversized body) carry the same error body.',
    undeclaredErrorReply: RPC_STATUS,
  },

  int64TextInRequests: {
    reference: 'ozon-seller-api.md lines 98–99 (§1.4, int64 written both ways)',
    why:
      "Ozon's gateway reads an int64 as a JSON number or as a string of digits (the schema's " +
      'own examples write both); replies must still use the declared type.',
    int64TextInRequests: true,
  },
} satisfies Record<string, Override>;

export type OverrideName = keyof typeof OVERRIDES;
