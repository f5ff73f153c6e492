import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OVERRIDES, type OperationSchemas, type Override, type Schema } from './overrides';
import { ozonSchemaDocument } from './schema-file';

/**
 * Checks Ozon Seller API requests and replies against Ozon's published OpenAPI 3.0 schema, with
 * the deviations listed in `overrides.ts`. The sandbox runs every call through it; tests use it
 * for what the connector sends.
 *
 * OpenAPI 3.0 is read as JSON Schema here: `nullable` becomes a `null` type; `format`
 * int64/int32/double/float/byte are checked; a few slips in Ozon's file are read the way they
 * were meant (`required: true` on a property, `type: "strings"`, `maximum` on an array, unknown
 * formats); every `pattern` is skipped, because all of them are human-readable templates such as
 * " YYYY-MM-DDThh:mm:ssZ" or "+7(XXX)XXX-XX-XX", not regular expressions (`format` still checks
 * dates). Objects are closed: a property the schema does not list fails, so a misspelt field
 * name is caught instead of being silently dropped.
 *
 * Nothing is read or compiled until it is needed: the document on the first check, and per
 * operation only the component schemas it reaches.
 */

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

type Direction = 'request' | 'response';

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
const COMPONENT_REF = '#/components/schemas/';

const overrides: Override[] = Object.values(OVERRIDES);
const componentPatches = Object.assign(
  {},
  ...overrides.map((o) => o.patchComponents ?? {}),
) as Record<string, (schema: Schema) => Schema>;
const addedComponents = Object.assign({}, ...overrides.map((o) => o.addComponents ?? {})) as Record<
  string,
  Schema
>;
const addedOperations = Object.assign({}, ...overrides.map((o) => o.addOperations ?? {})) as Record<
  string,
  OperationSchemas
>;
const rawPdfReplies = new Set(overrides.flatMap((o) => o.rawPdfReplies ?? []));
const undeclaredErrorReply = overrides.find((o) => o.undeclaredErrorReply)?.undeclaredErrorReply;
const int64TextInRequests = overrides.some((o) => o.int64TextInRequests === true);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN_NUMBER = Number(INT64_MIN);
const INT64_MAX_NUMBER = Number(INT64_MAX);

/** An int64 written as text: an optional minus, at most 19 digits, within int64's range. */
function isInt64Text(text: string): boolean {
  if (!/^-?\d{1,19}$/.test(text)) return false;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** The id a component is registered under in an Ajv instance. */
function componentId(name: string): string {
  return `ozon:${encodeURIComponent(name)}`;
}

/** An OpenAPI schema object as JSON Schema for Ajv; collects the components it refers to. */
function convert(node: unknown, direction: Direction, refs: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, direction, refs));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (IGNORED_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, sub]) => [name, convert(sub, direction, refs)]),
      );
    } else if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      const name = value.slice(COMPONENT_REF.length);
      refs.add(name);
      out.$ref = componentId(name);
    } else out[key] = convert(value, direction, refs);
  }
  if (out.required !== undefined && !Array.isArray(out.required)) delete out.required;
  if (typeof out.type === 'string' && !JSON_TYPES.has(out.type)) {
    if (out.type === 'strings') out.type = 'string';
    else delete out.type;
  }
  if (typeof out.format === 'string' && !FORMATS.has(out.format)) delete out.format;
  // Ozon's file writes an array's item limit as `maximum` (warehouse_ids ≤ 200 and 11 more).
  if (out.type === 'array' && typeof out.maximum === 'number') {
    out.maxItems ??= out.maximum;
    delete out.maximum;
  }
  // A JSON number past int64 still parses (as an inexact double); Ozon refuses it.
  if (out.format === 'int64' && out.type === 'integer') {
    out.minimum ??= INT64_MIN_NUMBER;
    out.maximum ??= INT64_MAX_NUMBER;
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (
    direction === 'request' &&
    int64TextInRequests &&
    out.type === 'integer' &&
    out.format === 'int64'
  ) {
    out.type = ['integer', 'string'];
  }
  if (out.properties && out.additionalProperties === undefined && !out.$ref) {
    out.additionalProperties = false;
  }
  return out;
}

function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: false,
    validateSchema: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv, ['date-time', 'date', 'uri']);
  ajv.addFormat('int64', { type: 'string', validate: isInt64Text });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('binary', () => true);
  return ajv;
}

/** One Ajv per direction (int64 is read differently), holding the components met so far. */
class Checker {
  private readonly ajv = createAjv();
  private readonly registered = new Set<string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly direction: Direction) {}

  /** The compiled check for one schema of an operation, compiled on first use. */
  check(schema: Schema): ValidateFunction {
    // Operation schemas are mostly a bare `$ref`: every reply in `rpcStatus` shares one check.
    const key = JSON.stringify(schema);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const refs = new Set<string>();
      const converted = convert(schema, this.direction, refs) as Schema;
      for (const name of refs) this.register(name);
      compiled = this.ajv.compile(converted);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private register(name: string): void {
    if (this.registered.has(name)) return;
    this.registered.add(name);
    const refs = new Set<string>();
    this.ajv.addSchema(convert(component(name), this.direction, refs) as Schema, componentId(name));
    for (const ref of refs) this.register(ref);
  }
}

function component(name: string): Schema {
  const schema = addedComponents[name] ?? ozonSchemaDocument().components.schemas[name];
  if (!schema) throw new Error(`The Ozon schema has no component ${name}`);
  const patch = componentPatches[name];
  return patch ? patch(structuredClone(schema)) : schema;
}

const checkers: Record<Direction, Checker> = {
  request: new Checker('request'),
  response: new Checker('response'),
};

function firstSchema(holder: unknown): Schema | undefined {
  const content = (holder as { content?: Record<string, { schema?: Schema }> } | undefined)
    ?.content;
  return Object.values(content ?? {})[0]?.schema;
}

function operation(path: string): OperationSchemas | null {
  const added = addedOperations[path];
  if (added) return added;
  const post = ozonSchemaDocument().paths[path]?.post;
  if (!post) return null;
  const responses: Record<string, Schema> = {};
  for (const [status, response] of Object.entries((post.responses ?? {}) as Schema)) {
    const schema = firstSchema(response);
    if (schema) responses[status] = schema;
  }
  return { request: firstSchema(post.requestBody) ?? null, responses };
}

function requireOperation(path: string): OperationSchemas {
  const found = operation(path);
  if (!found) throw new Error(`${path} is not an operation of the Ozon schema`);
  return found;
}

/** Whether the schema (with its overrides) describes `POST path`. */
export function hasOperation(path: string): boolean {
  return operation(path) !== null;
}

function run(check: ValidateFunction, body: unknown): ValidationResult {
  const ok = check(body) as boolean;
  return {
    ok,
    errors: ok
      ? []
      : (check.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        ),
  };
}

/** JSON text is parsed here; precision of big numbers does not matter for a type check. */
function parsed(body: unknown): unknown {
  return typeof body === 'string' ? JSON.parse(body) : body;
}

/** A request body (object or JSON text) for `POST path`. Operations without a body take `{}`. */
export function validateRequest(path: string, body: unknown): ValidationResult {
  const { request } = requireOperation(path);
  const value = parsed(body);
  if (!request) {
    const empty = value !== null && typeof value === 'object' && Object.keys(value).length === 0;
    return { ok: empty, errors: empty ? [] : ['/ this operation takes no parameters; send {}'] };
  }
  return run(checkers.request.check(request), value);
}

/** A reply body (object, JSON text, or PDF bytes) with its HTTP status. */
export function validateResponse(path: string, status: number, body: unknown): ValidationResult {
  if (status === 200 && rawPdfReplies.has(path)) {
    const ok = Buffer.isBuffer(body) && body.subarray(0, 5).toString('latin1') === '%PDF-';
    return { ok, errors: ok ? [] : ['/ raw PDF bytes expected'] };
  }
  const { responses } = requireOperation(path);
  const schema =
    responses[String(status)] ??
    responses.default ??
    (status >= 400 ? undeclaredErrorReply : undefined);
  if (!schema) return { ok: false, errors: [`/ status ${status} is not declared for ${path}`] };
  return run(checkers.response.check(schema), parsed(body));
}
