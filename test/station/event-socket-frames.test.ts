import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BAD_FRAMES, openRawWebSocket } from '../support/raw-websocket';
import { startTestStation, type TestStation } from '../support/station-host';

let host: TestStation;

beforeEach(async () => {
  host = await startTestStation();
});
afterEach(async () => {
  await host.dispose();
});

async function healthStatus() {
  return (await fetch(`${host.station.url}/api/health`)).status;
}

describe('the push socket refuses bad frames and foreign pages', () => {
  for (const [kind, { frame, closeCode }] of Object.entries(BAD_FRAMES)) {
    it(`closes the socket on ${kind} with ${closeCode} and keeps answering`, async () => {
      const raw = await openRawWebSocket(host.station.url);
      expect(raw.status).toBe(101);
      raw.send(frame());
      expect(await raw.closeCode()).toBe(closeCode);
      expect(await healthStatus()).toBe(200);
    });
  }

  it('refuses the upgrade from a page of another site, accepts its own page', async () => {
    const foreign = await openRawWebSocket(host.station.url, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const opaque = await openRawWebSocket(host.station.url, { Origin: 'null' });
    expect(opaque.status).toBe(403);
    const own = await openRawWebSocket(host.station.url, { Origin: host.station.url });
    expect(own.status).toBe(101);
    own.socket.destroy();
    expect(await healthStatus()).toBe(200);
  });
});
