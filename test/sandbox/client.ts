import { isSafeNumber, parse } from 'lossless-json';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox';
import { assertValid, validateRequest, validateResponse } from './openapi';

export interface OzonReply {
  status: number;
  headers: Headers;
  /** Raw body text (latin1 for PDFs). */
  text: string;
  bytes: Buffer;
  /** Parsed like a careful client would: ids above 2^53 stay as digit strings. */
  body: any;
}

export interface CallOptions {
  /** Skip the request-side schema check (for tests that send bad requests on purpose). */
  invalidRequest?: boolean;
  headers?: Record<string, string>;
  /** Neither parse nor check the reply (fault tests look at broken replies themselves). */
  raw?: boolean;
}

/**
 * A bare Ozon client for the tests: real HTTP, Ozon's headers, and every request and reply
 * checked against Ozon's OpenAPI schema on the way.
 */
export function ozonClient(sandbox: Sandbox) {
  return async function call(
    path: string,
    body: unknown = {},
    options: CallOptions = {},
  ): Promise<OzonReply> {
    if (!options.invalidRequest) assertValid(validateRequest(path, body), `request to ${path}`);
    const response = await fetch(sandbox.url + path, {
      method: 'POST',
      headers: {
        'Client-Id': sandbox.clientId,
        'Api-Key': sandbox.apiKey,
        'Content-Type': 'application/json',
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isPdf = response.headers.get('content-type') === 'application/pdf';
    const text = bytes.toString(isPdf ? 'latin1' : 'utf8');
    const reply: OzonReply = {
      status: response.status,
      headers: response.headers,
      text,
      bytes,
      body: null,
    };
    if (options.raw) return reply;
    if (!isPdf && response.headers.get('content-type')?.startsWith('application/json')) {
      reply.body = parse(text, null, (raw) => (isSafeNumber(raw) ? Number(raw) : raw));
    }
    if (response.status !== 404 || reply.body?.message !== 'method is not allowed') {
      assertValid(
        validateResponse(path, response.status, isPdf ? bytes : JSON.parse(text)),
        `reply ${response.status} from ${path}`,
      );
    }
    return reply;
  };
}

export type OzonCall = ReturnType<typeof ozonClient>;

/** POSTs to a sandbox control (`/_sandbox/<name>`). */
export async function control(sandbox: Sandbox, name: string, args: unknown = {}) {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: (await response.json()) as any };
}

export async function openSandbox(options: SandboxOptions = {}) {
  const sandbox = await startSandbox(options);
  return { sandbox, call: ozonClient(sandbox) };
}

export const SINCE = '2025-06-01T00:00:00Z';
export const UNTIL = '2026-06-01T00:00:00Z';
