import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validates Ozon Seller API requests and responses against Ozon's published OpenAPI 3.0 schema
 * (S1 in the shared notes, marketplace/ozon-seller-api.md), for the sandbox's replies and for the connector's
 * requests. The schema is `resources/marketplace/ozon-seller-openapi.json`; OZON_OPENAPI points elsewhere.
 *
 * OpenAPI 3.0 is turned into JSON Schema here: `$ref`s point into the same document,
 * `nullable` becomes a `null` type, `format: int64/int32/double/float/byte` are checked, and
 * a few typos in Ozon's file are repaired (`required: true` on properties, `type: "strings"`,
 * misspelt keywords are ignored, and every `pattern` is dropped because all of them are
 * human-readable templates such as " YYYY-MM-DDThh:mm:ssZ" or "+7(XXX)XXX-XX-XX", not regular
 * expressions; `format` still checks dates). Objects are closed (no unknown properties) by default, so a
 * misspelt field name fails; pass `{ allowUnknownProperties: true }` to open them.
 *
 * Known deviations of the schema from Ozon's behaviour, overridden on purpose (§1.2, §2.5, §3.3, §4):
 * - `/v2/posting/fbs/package-label` answers raw `%PDF-` bytes, not the JSON wrapper the schema shows;
 * - `/v3/posting/fbs/package-label/create` and `/v2/posting/fbs/package-label/get` came after this
 *   copy of the schema (S2, 24 Sept 2026); their shapes below are written from the docs' prose;
 * - `/v2/products/stocks` marks `product_id` and the removed `quant_size` required; the method's
 *   description says `offer_id` or `product_id` — the description is followed;
 * - 429 is not declared per operation; S2 documents it for every method with the usual error body;
 * - requests may carry int64 values as decimal strings (proto3 JSON mapping, which Ozon's gateway
 *   follows); responses must use the declared type.
 */

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

export interface ValidationOptions {
  allowUnknownProperties?: boolean;
}

type Schema = Record<string, unknown>;

// The repository's own copy of Ozon's published schema (source and date in its README).
const SCHEMA_FILE =
  process.env.OZON_OPENAPI ??
  join(import.meta.dirname, '../../resources/marketplace/ozon-seller-openapi.json');
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const FORMATS = new Set([
  'int64',
  'int32',
  'double',
  'float',
  'byte',
  'date-time',
  'date',
  'binary',
  'uri',
]);

const IGNORED_KEYWORDS = new Set(['example', 'examples', 'description', 'title', 'pattern']);

const RPC_STATUS = { $ref: '#/components/schemas/rpcStatus' };

/** Schemas for operations missing from (or wrong in) the schema copy; see the header. */
const OVERLAY_SCHEMAS: Record<string, Schema> = {
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
};

const OVERLAY_OPERATIONS: Record<string, { request: Schema; responses: Record<string, Schema> }> = {
  '/v3/posting/fbs/package-label/create': {
    request: { $ref: '#/components/schemas/sandbox.LabelCreateV3Request' },
    responses: { '200': { $ref: '#/components/schemas/sandbox.LabelCreateV3Response' } },
  },
  '/v2/posting/fbs/package-label/get': {
    request: { $ref: '#/components/schemas/sandbox.LabelGetV2Request' },
    responses: { '200': { $ref: '#/components/schemas/sandbox.LabelGetV2Response' } },
  },
};

/** Paths whose 200 reply is a raw PDF whatever the schema says. */
const PDF_RESPONSES = new Set(['/v2/posting/fbs/package-label']);

interface Spec {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
}

let spec: Spec | null = null;
function loadSpec(): Spec {
  spec ??= JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Spec;
  return spec;
}

/** OpenAPI 3.0 schema object → JSON Schema for ajv, with Ozon's typos repaired. */
function convert(node: unknown, forRequest: boolean, closeObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, forRequest, closeObjects));
  if (node === null || typeof node !== 'object') return node;
  const source = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (IGNORED_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, sub]) => [
          name,
          convert(sub, forRequest, closeObjects),
        ]),
      );
    } else out[key] = convert(value, forRequest, closeObjects);
  }
  if (out.required !== undefined && !Array.isArray(out.required)) delete out.required;
  if (typeof out.type === 'string' && !JSON_TYPES.has(out.type)) {
    out.type = out.type === 'strings' ? 'string' : undefined;
    if (out.type === undefined) delete out.type;
  }
  if (typeof out.format === 'string' && !FORMATS.has(out.format)) delete out.format;
  if (out.type === 'array' && typeof out.maximum === 'number') delete out.maximum;
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (forRequest && out.type === 'integer' && out.format === 'int64')
    out.type = ['integer', 'string'];
  if (closeObjects && out.properties && out.additionalProperties === undefined && !out.$ref) {
    out.additionalProperties = false;
  }
  return out;
}

const cache = new Map<string, ValidateFunction>();

function ajvFor(forRequest: boolean, closeObjects: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    validateSchema: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv, ['date-time', 'date', 'uri']);
  ajv.addFormat('int64', { type: 'string', validate: (text: string) => /^-?\d+$/.test(text) });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('binary', () => true);
  const schemas = { ...loadSpec().components.schemas, ...OVERLAY_SCHEMAS };
  const stocks = structuredClone(schemas.productv2ProductsStocksRequestStock) as Schema;
  stocks.required = ['warehouse_id', 'stock'];
  stocks.anyOf = [{ required: ['offer_id'] }, { required: ['product_id'] }];
  schemas.productv2ProductsStocksRequestStock = stocks;
  ajv.addSchema(
    { components: { schemas: convert(schemas, forRequest, closeObjects) } },
    `ozon-${forRequest}-${closeObjects}`,
  );
  return ajv;
}

const ajvs = new Map<string, Ajv>();

function validator(
  schema: Schema,
  forRequest: boolean,
  options: ValidationOptions,
): ValidateFunction {
  const closed = !options.allowUnknownProperties;
  const key = `${forRequest}-${closed}-${JSON.stringify(schema)}`;
  const known = cache.get(key);
  if (known) return known;
  const ajvKey = `${forRequest}-${closed}`;
  let ajv = ajvs.get(ajvKey);
  if (!ajv) {
    ajv = ajvFor(forRequest, closed);
    ajvs.set(ajvKey, ajv);
  }
  const ref = (schema.$ref as string | undefined)?.replace('#', `ozon-${forRequest}-${closed}#`);
  const compiled = ajv.compile(
    ref ? { $ref: ref } : (convert(schema, forRequest, closed) as Schema),
  );
  cache.set(key, compiled);
  return compiled;
}

function operation(path: string): { request: Schema | null; responses: Record<string, Schema> } {
  const overlay = OVERLAY_OPERATIONS[path];
  if (overlay) return overlay;
  const op = loadSpec().paths[path]?.post as
    | {
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      }
    | undefined;
  if (!op) throw new Error(`${path} is not an operation of the Ozon schema`);
  const responses: Record<string, Schema> = {};
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const schema = Object.values(response.content ?? {})[0]?.schema;
    if (schema) responses[status] = schema;
  }
  return { request: Object.values(op.requestBody?.content ?? {})[0]?.schema ?? null, responses };
}

function run(fn: ValidateFunction, body: unknown): ValidationResult {
  const ok = fn(body) as boolean;
  return {
    ok,
    errors: ok
      ? []
      : (fn.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        ),
  };
}

function parsed(body: unknown): unknown {
  return typeof body === 'string' ? JSON.parse(body) : body;
}

/** A request body (object or JSON text) for `POST path`. Operations without a body accept `{}`. */
export function validateRequest(
  path: string,
  body: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  const { request } = operation(path);
  const value = parsed(body);
  if (!request) {
    const empty = value !== null && typeof value === 'object' && Object.keys(value).length === 0;
    return { ok: empty, errors: empty ? [] : ['/ this operation takes no parameters; send {}'] };
  }
  return run(validator(request, true, options), value);
}

/** A response body (object, JSON text, or PDF bytes) with its HTTP status. */
export function validateResponse(
  path: string,
  status: number,
  body: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  if (status === 200 && PDF_RESPONSES.has(path)) {
    const ok = Buffer.isBuffer(body) && body.subarray(0, 5).toString('latin1') === '%PDF-';
    return { ok, errors: ok ? [] : ['/ raw PDF bytes expected'] };
  }
  const { responses } = operation(path);
  const schema =
    responses[String(status)] ?? responses.default ?? (status >= 400 ? RPC_STATUS : undefined);
  if (!schema) return { ok: false, errors: [`/ status ${status} is not declared for ${path}`] };
  return run(validator(schema, false, options), parsed(body));
}

/** Throws with every schema error listed; handy inside tests. */
export function assertValid(result: ValidationResult, what: string): void {
  if (!result.ok)
    throw new Error(`${what} does not match the Ozon schema:\n${result.errors.join('\n')}`);
}
