import type { Logger } from '../../../../shared/lib/logger';
import { badRequest, GRPC } from '../errors';
import { validateRequest, validateResponse } from './validator';

/** How many schema errors a 400 names; the first few say what is wrong. */
const ERRORS_IN_MESSAGE = 5;

export interface CheckedReply {
  status: number;
  body: string | Buffer;
}

export interface CallCheck {
  /** Refuses a request body that breaks the schema with a 400 in Ozon's error body. */
  request(path: string, text: string): void;
  /** The reply to send: the one given, or a 500 standing in for one that broke the schema. */
  reply(path: string, status: number, body: string | Buffer): CheckedReply;
  /** Rejects if a reply broke the schema while failing loudly. */
  assertNoBrokenReplies(): void;
}

/**
 * The sandbox checks every call against Ozon's published schema (with its overrides), like the
 * real gateway refusing a malformed request. A reply of its own that breaks the schema is a
 * sandbox bug; what happens then depends on who runs it:
 *
 * - without a logger (tests): the reply is replaced by a 500 that names the errors, and
 *   `close()` rejects, so a test fails even if the client retried past the 500;
 * - with a logger (the Demo store, the CLI): the errors are logged and the reply goes out as it
 *   is. A seller trying the Demo store gains nothing from a 500 the connector would retry
 *   forever; the reply is usable, and the log keeps the evidence for a fix.
 */
export function createCallCheck(log?: Logger): CallCheck {
  const brokenReplies: string[] = [];
  return {
    request(path, text) {
      const result = validateRequest(path, text.trim() === '' ? {} : text);
      if (result.ok) return;
      throw badRequest(`invalid request: ${result.errors.slice(0, ERRORS_IN_MESSAGE).join('; ')}`);
    },

    reply(path, status, body) {
      const parsed = Buffer.isBuffer(body) ? body : (JSON.parse(body) as unknown);
      const result = validateResponse(path, status, parsed);
      if (result.ok) return { status, body };
      const what = `sandbox reply ${status} to ${path} breaks the Ozon schema`;
      if (log) {
        log.warn({ path, status, errors: result.errors }, what);
        return { status, body };
      }
      brokenReplies.push(`${what}: ${result.errors.join('; ')}`);
      return {
        status: 500,
        body: JSON.stringify({
          code: GRPC.internal,
          message: `${what}: ${result.errors.slice(0, ERRORS_IN_MESSAGE).join('; ')}`,
          details: [],
        }),
      };
    },

    assertNoBrokenReplies() {
      if (brokenReplies.length > 0) {
        throw new Error(
          `The sandbox gave replies that break Ozon's schema:\n${brokenReplies.join('\n')}`,
        );
      }
    },
  };
}
