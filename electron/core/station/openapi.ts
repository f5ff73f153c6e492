import { z } from 'zod';
import { ERROR_CODES, HTTP_STATUS } from '../../../shared/contract/errors';
import { methods, type MethodSpec } from '../../../shared/contract/methods';

/** Path of a method over HTTP: `users.create` → `/api/users/create`. */
export function methodPath(method: string): string {
  return `/api/${method.replace('.', '/')}`;
}

function describeAccess(access: MethodSpec['access']): string {
  if (access === 'public') return 'No session needed.';
  if (access === 'session') return 'Any signed-in user.';
  return `Roles: ${access.join(', ')}.`;
}

/**
 * OpenAPI 3.1 generated from the contract's zod schemas, so the document cannot drift from
 * what the core accepts and returns.
 */
export function buildOpenApi(version: string) {
  const errorBody = {
    type: 'object',
    required: ['ok', 'error'],
    properties: {
      ok: { const: false },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { enum: [...ERROR_CODES] },
          message: { type: 'string' },
          fields: { type: 'object', additionalProperties: { type: 'string' } },
          retryAfterSeconds: { type: 'integer' },
        },
      },
    },
  };
  const paths: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(methods) as [string, MethodSpec][]) {
    // Any call may be refused as a cross-site one (403) or for a body that is not JSON (400).
    const statuses = new Set([400, 403, 500, ...(spec.access === 'public' ? [] : [401])]);
    paths[methodPath(name)] = {
      post: {
        operationId: name,
        summary: spec.summary,
        description: `${describeAccess(spec.access)}${spec.mutating ? ' Changes data; written to the audit log.' : ''}`,
        tags: [name.split('.')[0]],
        ...(spec.access === 'public' ? { security: [] } : {}),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(spec.input, { io: 'input' }) } },
        },
        responses: {
          200: {
            description: 'Done',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['ok', 'data'],
                  properties: {
                    ok: { const: true },
                    data: z.toJSONSchema(spec.output, { io: 'output' }),
                  },
                },
              },
            },
          },
          ...Object.fromEntries(
            [...statuses].map((status) => [
              status,
              {
                description: ERROR_CODES.filter((code) => HTTP_STATUS[code] === status).join(', '),
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
              },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Packdesk station API',
      version,
      description:
        'Every method is POST with a JSON body and `Content-Type: application/json`; a browser `Origin`, when sent, must be the station\'s own. Before first run, `setup.createShop` needs the one-time `setupCode` the station printed on its console. Sign in with /api/auth/login and send the token as `Authorization: Bearer <token>`. Push events: WebSocket at /api/events; send {"token":"…"} first.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: {
      '/api/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness; no session needed',
          security: [],
          responses: { 200: { description: 'The station is up' } },
        },
      },
      ...paths,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorBody },
    },
  };
}
