import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { control, type OzonCall, openSandbox } from './client';

/**
 * The Demo store listens on loopback, where any page the seller has open in a browser can POST
 * too. A text/plain POST from another site needs no permission from the browser; it does carry
 * `Origin`. Node (Packdesk, the CLI, these tests) sends no Origin.
 */
let sandbox: Sandbox;
let call: OzonCall;

beforeEach(async () => {
  ({ sandbox, call } = await openSandbox({ seed: 3 }));
});
afterEach(() => sandbox.close());

/** A POST the way a page on another site sends it: text/plain, with its Origin. */
function postFromPage(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: 'http://evil.example', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the sandbox controls', () => {
  it('refuse a cross-site text/plain POST: nothing is generated, reset or cancelled', async () => {
    const before = sandbox.control.findPostings({ limit: 10_000_000 }).length;
    const now = sandbox.control.now();
    const generate = await postFromPage('/_sandbox/generate-postings', { count: 2_000_000 });
    expect(generate.status).toBe(403);
    expect((await postFromPage('/_sandbox/advance-clock', { ms: 3_600_000 })).status).toBe(403);
    expect((await postFromPage('/_sandbox/faults', { rules: [] })).status).toBe(403);
    // Even as JSON: a page can send that only after the browser asked, and it still names itself.
    const asJson = await postFromPage(
      '/_sandbox/reset',
      {},
      { 'Content-Type': 'application/json' },
    );
    expect(asJson.status).toBe(403);
    expect(sandbox.control.findPostings({ limit: 10_000_000 })).toHaveLength(before);
    expect(sandbox.control.now()).toBe(now);
  });

  it('refuse a body that is not declared as JSON, even without an Origin', async () => {
    const reply = await fetch(`${sandbox.url}/_sandbox/generate-postings`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ count: 10 }),
    });
    expect(reply.status).toBe(400);
  });

  it('generate at most 100,000 postings a call', async () => {
    const before = sandbox.control.findPostings({ limit: 10_000_000 }).length;
    expect((await control(sandbox, 'generate-postings', { count: 2_000_000 })).status).toBe(400);
    expect((await control(sandbox, 'generate-postings', { count: 100_001 })).status).toBe(400);
    expect((await control(sandbox, 'generate-postings', { count: 1.5 })).status).toBe(400);
    expect(sandbox.control.findPostings({ limit: 10_000_000 })).toHaveLength(before);
    const most = await control(sandbox, 'generate-postings', { count: 100_000 });
    expect(most).toEqual({ status: 200, body: { generated: 100_000, total: before + 100_000 } });
  });
});

describe("the sandbox's Ozon API", () => {
  it('refuses a POST from a web page, and answers Node, which names no page', async () => {
    const fromPage = await postFromPage(
      '/v1/roles',
      {},
      {
        'Content-Type': 'application/json',
        'Client-Id': sandbox.clientId,
        'Api-Key': sandbox.apiKey,
      },
    );
    expect(fromPage.status).toBe(403);
    expect((await call('/v1/roles', {})).status).toBe(200);
  });
});
