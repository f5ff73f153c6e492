import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isIP, type LookupFunction } from 'node:net';
import { OzonHttp, type Fetcher } from '../../electron/core/marketplace/ozon/http';
import { OzonConnector } from '../../electron/core/marketplace/ozon/ozon-connector';
import { createPublicFileFetch } from '../../electron/core/marketplace/ozon/public-file-fetch';
import { createOzonConnector } from '../../electron/core/marketplace/ozon/index';
import { OZON_QUOTAS, RateLimiter } from '../../electron/core/marketplace/ozon/rate-limiter';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { streamOversizedBody } from '../../electron/core/sandbox/oversized-body';
import { json, PDF_BYTES, sendJson, sendPdf, startFakeOzon, type FakeOzon } from './fake-ozon';
import { countingFetch, loopbackOnlyFetch } from './fetch-probes';
import { API_KEY, CLIENT_ID, failure } from './ozon-fixtures';

/**
 * Where Ozon calls may go, and how much of a reply is read: only Ozon's API or a loopback
 * sandbox, no redirect followed, replies cut off at their cap (JSON 32 MiB, label 16 MiB).
 */
const MIB = 1024 * 1024;
let fake: FakeOzon;
/** A second loopback host: where a redirect would lead. It must never be called. */
let elsewhere: FakeOzon;
beforeEach(async () => {
  fake = await startFakeOzon();
  elsewhere = await startFakeOzon();
});
afterEach(async () => {
  await fake.close();
  await elsewhere.close();
});

function connector(baseUrl: string, fetch: typeof globalThis.fetch = globalThis.fetch) {
  return createOzonConnector({
    baseUrl,
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    fetch,
    timeoutMs: 20_000,
  });
}

describe("an account's address", () => {
  it.each([
    'http://169.254.169.254',
    'http://example.com',
    'https://example.com',
    'https://api-seller.ozon.ru.example.com',
    'http://api-seller.ozon.ru',
    'https://api-seller.ozon.ru:8443',
    'http://10.0.0.1:8080',
  ])('%s: every call is refused before a request is made', async (baseUrl) => {
    const guard = loopbackOnlyFetch();
    const ozon = connector(baseUrl, guard.fetch);
    const error = await failure(ozon.checkCredentials(), 'auth');
    expect(error.message).toMatch(/neither https:\/\/api-seller\.ozon\.ru nor a sandbox/);
    await failure(ozon.listWarehouses(), 'auth');
    await failure(ozon.getLabel('0132112277-0101-1', '77'), 'auth');
    expect(guard.foreign).toEqual([]);
  });

  it('a loopback address dressed up with user info or a path is refused too: no hit on loopback', async () => {
    const port = new URL(fake.url).port;
    for (const baseUrl of [
      `http://api-seller.ozon.ru@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}@example.com`,
      `${fake.url}/v1`,
      `${fake.url}/?x=1`,
    ]) {
      const guard = loopbackOnlyFetch();
      await failure(connector(baseUrl, guard.fetch).checkCredentials(), 'auth');
      expect(guard.foreign, baseUrl).toEqual([]);
    }
    expect(fake.requests).toEqual([]);
  });

  it('a loopback sandbox at 127.0.0.1, localhost or with a trailing slash is used as given', async () => {
    fake.route('/v1/roles', json(200, '{"roles":[],"expires_at":"2026-12-01T00:00:00Z"}'));
    const port = new URL(fake.url).port;
    for (const baseUrl of [fake.url, `${fake.url}/`, `http://localhost:${port}`]) {
      expect(await connector(baseUrl).checkCredentials(), baseUrl).toMatchObject({ roles: [] });
    }
    expect(fake.calls('/v1/roles')).toHaveLength(3);
  });
});

describe("a label file_url for Ozon's own API", () => {
  /**
   * Ozon's API stood in for by a fetch that answers without the network: the label task
   * completes with `fileUrl`, and a download from a public https host gets a PDF.
   */
  function ozonWithFileUrl(fileUrl: string, fileFetch?: Fetcher) {
    const asked: string[] = [];
    const apiKeys: (string | undefined)[] = [];
    const stub = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      asked.push(url.href);
      apiKeys.push((init?.headers as Record<string, string> | undefined)?.['Api-Key']);
      if (url.pathname === '/v3/posting/fbs/package-label/create') {
        return new Response('{"tasks":[{"task_id":77,"task_type":"big_label"}]}');
      }
      if (url.pathname === '/v2/posting/fbs/package-label/get') {
        return new Response(JSON.stringify({ status: { code: 'completed' }, file_url: fileUrl }));
      }
      return new Response(new Uint8Array(PDF_BYTES), {
        headers: { 'Content-Type': 'application/pdf' },
      });
    }) as typeof fetch;
    const http = new OzonHttp({
      baseUrl: 'https://api-seller.ozon.ru',
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      fetch: stub,
      // No DNS here: the file host is the stub too, unless the test brings its own resolver.
      fileFetch: fileFetch ?? stub,
      now: Date.now,
      timeoutMs: 20_000,
      limiter: new RateLimiter(OZON_QUOTAS, Date.now),
      log: null,
    });
    return { ozon: new OzonConnector(http), asked, apiKeys };
  }

  /** A resolver that knows one name, and records every name it is asked. */
  function resolverFor(addresses: string[]) {
    const asked: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: LookupCallback) => {
      asked.push(hostname);
      callback(
        null,
        addresses.map((address) => ({ address, family: isIP(address) })),
      );
    }) as unknown as LookupFunction;
    return { lookup, asked };
  }
  type LookupCallback = (error: null, addresses: { address: string; family: number }[]) => void;

  it.each([
    ['127.0.0.1'],
    ['10.0.0.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['::ffff:127.0.0.1'],
    ['fd00::1'],
    ['fe80::1'],
    // One public address among them is not enough: the connection may go to any of them.
    ['203.0.113.9', '192.168.1.1'],
  ])('a name resolving to %s is refused before any connection', async (...addresses) => {
    const resolver = resolverFor(addresses);
    const { ozon, asked } = ozonWithFileUrl(
      'https://labels.example/77.pdf',
      createPublicFileFetch(resolver.lookup),
    );
    // Connecting to 127.0.0.1:443 would fail as unreachable (transient); this is our refusal.
    const error = await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(error.message).toBe('Ozon gave a label file URL on a host it may not use');
    expect(resolver.asked).toEqual(['labels.example']);
    expect(asked).toHaveLength(2);
  });

  it.each([
    'https://localhost./77.pdf',
    'https://foo.localhost/77.pdf',
    'https://printer.local/77.pdf',
    'https://metadata.google.internal/77.pdf',
    'https://cdn1.ozone.ru./77.pdf',
  ])('%s is refused without even a lookup', async (fileUrl) => {
    const resolver = resolverFor(['203.0.113.9']);
    const { ozon } = ozonWithFileUrl(fileUrl, createPublicFileFetch(resolver.lookup));
    const error = await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(error.message).toBe('Ozon gave a label file URL on a host it may not use');
    expect(resolver.asked).toEqual([]);
  });

  it('is fetched from a public https host, without the API key', async () => {
    const { ozon, asked, apiKeys } = ozonWithFileUrl('https://cdn1.ozone.ru/labels/77.pdf');
    expect((await ozon.getLabel('0132112277-0101-1', null)).state).toBe('ready');
    expect(asked.at(-1)).toBe('https://cdn1.ozone.ru/labels/77.pdf');
    expect(apiKeys).toEqual([API_KEY, API_KEY, undefined]);
  });

  it.each([
    'http://cdn1.ozone.ru/labels/77.pdf',
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.1/77.pdf',
    'https://[::1]/77.pdf',
    'https://localhost/77.pdf',
    'https://user:secret@cdn1.ozone.ru/77.pdf',
  ])('%s is refused before any request', async (fileUrl) => {
    const { ozon, asked } = ozonWithFileUrl(fileUrl);
    const error = await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(error.message).toBe('Ozon gave a label file URL on a host it may not use');
    expect(asked.map((url) => new URL(url).pathname)).toEqual([
      '/v3/posting/fbs/package-label/create',
      '/v2/posting/fbs/package-label/get',
    ]);
  });

  it('from a loopback file host is refused too: loopback is for sandbox accounts only', async () => {
    const { ozon } = ozonWithFileUrl(`${fake.url}/label.pdf`);
    fake.route('/label.pdf', (_request, res) => sendPdf(res));
    await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(fake.requests).toEqual([]);
  });
});

describe('redirects', () => {
  it('are not followed, for a read, a mutating call or a label file', async () => {
    const away = (status: number) =>
      ((_request, res) => {
        res.writeHead(status, { Location: `${elsewhere.url}/v1/roles` });
        res.end('moved');
      }) satisfies Parameters<FakeOzon['route']>[1];
    fake.route('/v1/roles', away(302));
    fake.route('/v4/posting/fbs/ship', away(307));
    fake.route('/v2/posting/fbs/package-label', away(308));
    fake.route(
      '/v3/posting/fbs/package-label/create',
      json(200, '{"tasks":[{"task_id":77,"task_type":"big_label"}]}'),
    );
    fake.route(
      '/v2/posting/fbs/package-label/get',
      json(200, `{"status":{"code":"completed"},"file_url":"${fake.url}/files/label.pdf"}`),
    );
    fake.route('/files/label.pdf', away(301));
    const ozon = connector(fake.url);
    const read = await failure(ozon.checkCredentials(), 'malformed');
    expect(read.message).toMatch(/redirect \(302\), which is not followed/);
    await failure(
      ozon.ship('0132112277-0101-1', [{ items: [{ sku: '827098843', quantity: 1 }] }]),
      'malformed',
    );
    const label = await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(label.details.status).toBe(301);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('reply size caps', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  function sandboxConnector(counter: { bytes: number }) {
    return createOzonConnector({
      baseUrl: sandbox.url,
      clientId: sandbox.clientId,
      apiKey: sandbox.apiKey,
      fetch: countingFetch(counter),
      timeoutMs: 20_000,
    });
  }

  it('a 100 MiB JSON reply from the sandbox is cut off just past 32 MiB', async () => {
    sandbox.control.setFaults([{ path: '/v1/roles', kind: 'oversized_body', count: 1 }]);
    const counter = { bytes: 0 };
    const error = await failure(sandboxConnector(counter).checkCredentials(), 'malformed');
    expect(error.message).toBe(
      'Ozon answered /v1/roles with a reply larger than 32 MiB; reading stopped there',
    );
    // Read up to the cap and one chunk more, never the 100 MiB the sandbox offered.
    expect(counter.bytes).toBeGreaterThan(32 * MIB);
    expect(counter.bytes).toBeLessThan(33 * MIB);
    // The connection was dropped, not drained: the next call goes through.
    expect((await sandboxConnector(counter).checkCredentials()).roles.length).toBeGreaterThan(0);
  });

  it('after a mutating call an oversized reply is uncertain: it may have been applied', async () => {
    sandbox.control.setFaults([{ path: '/v4/posting/fbs/ship', kind: 'oversized_body' }]);
    const counter = { bytes: 0 };
    await failure(
      sandboxConnector(counter).ship('0132112277-0101-1', [
        { items: [{ sku: '827098843', quantity: 1 }] },
      ]),
      'uncertain',
    );
    expect(counter.bytes).toBeLessThan(33 * MIB);
  });

  it('a 100 MiB label PDF from the sandbox is cut off just past 16 MiB', async () => {
    sandbox.control.setFaults([{ path: '/v2/posting/fbs/package-label', kind: 'oversized_body' }]);
    const counter = { bytes: 0 };
    const http = new OzonHttp({
      baseUrl: sandbox.url,
      clientId: sandbox.clientId,
      apiKey: sandbox.apiKey,
      fetch: countingFetch(counter),
      now: Date.now,
      timeoutMs: 20_000,
      limiter: new RateLimiter(OZON_QUOTAS, Date.now),
      log: null,
    });
    const error = await failure(
      http.postForFile(
        '/v2/posting/fbs/package-label',
        { posting_number: ['0132112277-0101-1'] },
        { mutating: false },
      ),
      'malformed',
    );
    expect(error.message).toMatch(/larger than 16 MiB; reading stopped there/);
    expect(counter.bytes).toBeGreaterThan(16 * MIB);
    expect(counter.bytes).toBeLessThan(17 * MIB);
  });

  it('a label file_url streaming 100 MiB is cut off at 16 MiB; one declaring it is not read at all', async () => {
    fake.route(
      '/v3/posting/fbs/package-label/create',
      json(200, '{"tasks":[{"task_id":77,"task_type":"big_label"}]}'),
    );
    let file = '/files/endless.pdf';
    fake.route('/v2/posting/fbs/package-label/get', (_request, res) =>
      sendJson(res, 200, `{"status":{"code":"completed"},"file_url":"${fake.url}${file}"}`),
    );
    fake.route('/files/endless.pdf', (request, res) => streamOversizedBody(res, request.path));
    fake.route('/files/declared.pdf', (_request, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': String(100 * MIB),
      });
      res.write('%PDF-1.4\n');
    });
    const counter = { bytes: 0 };
    const ozon = createOzonConnector({
      baseUrl: fake.url,
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      fetch: countingFetch(counter),
      timeoutMs: 20_000,
    });
    const endless = await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(endless.message).toMatch(/larger than 16 MiB/);
    expect(counter.bytes).toBeLessThan(17 * MIB);

    file = '/files/declared.pdf';
    counter.bytes = 0;
    await failure(ozon.getLabel('0132112277-0101-1', null), 'malformed');
    expect(counter.bytes).toBeLessThan(1024);
  });

  it('a normal label PDF still arrives whole', async () => {
    fake.route('/v2/posting/fbs/package-label', (_request, res) => sendPdf(res));
    const label = await connector(fake.url).getLabel('0132112277-0101-1', null);
    expect(label.state).toBe('ready');
  });
});

describe("Ozon's error text", () => {
  it('is kept to 500 characters however long the far end makes it', async () => {
    fake.route(
      '/v2/warehouse/list',
      json(400, JSON.stringify({ code: 3, message: `BAD_INPUT ${'y'.repeat(100_000)}` })),
    );
    const error = await failure(connector(fake.url).listWarehouses(), 'rejected');
    expect(error.details.code).toHaveLength(500);
    expect(error.message.length).toBeLessThan(600);
  });
});
