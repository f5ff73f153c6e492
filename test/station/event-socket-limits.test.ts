import { afterEach, describe, expect, it } from 'vitest';
import { openRawWebSocket, type RawWebSocket } from '../support/raw-websocket';
import { startTestStation, type TestStation } from '../support/station-host';

/** Sockets that upgrade on /api/events and never send their token. */

let host: TestStation | null = null;
afterEach(async () => {
  await host?.dispose();
  host = null;
});

async function healthStatus(station: TestStation) {
  return (await fetch(`${station.station.url}/api/health`)).status;
}

/** Resolves when the TCP connection is gone: the station has freed its descriptor. */
function ended(raw: RawWebSocket) {
  return new Promise<void>((resolve) => {
    if (raw.socket.destroyed) return resolve();
    raw.socket.once('close', () => resolve());
  });
}

async function openSilent(station: TestStation, count: number) {
  const opened: RawWebSocket[] = [];
  for (let i = 0; i < count; i++) opened.push(await openRawWebSocket(station.station.url));
  return opened;
}

describe('silent push sockets cannot exhaust the station', () => {
  it('refuses upgrades beyond the per-caller cap and drops the silent ones after the timeout', async () => {
    host = await startTestStation({
      eventSocketLimits: {
        firstMessageMs: 300,
        unauthenticatedPerAddress: 4,
        unauthenticatedTotal: 100,
      },
    });
    const opened = await openSilent(host, 7);
    expect(opened.map((raw) => raw.status)).toEqual([101, 101, 101, 101, 503, 503, 503]);
    expect(await healthStatus(host)).toBe(200);
    // Terminated, not closed: the station waits for no close handshake the caller never sends,
    // so every connection ends (the test would time out on a 30 s close wait).
    await Promise.all(opened.map(ended));
    // Their places are free again.
    const again = await openRawWebSocket(host.station.url);
    expect(again.status).toBe(101);
    again.socket.destroy();
  });

  it('refuses upgrades beyond the total cap', async () => {
    host = await startTestStation({
      eventSocketLimits: { unauthenticatedPerAddress: 100, unauthenticatedTotal: 3 },
    });
    const opened = await openSilent(host, 5);
    expect(opened.map((raw) => raw.status)).toEqual([101, 101, 101, 503, 503]);
    expect(await healthStatus(host)).toBe(200);
    // A socket that leaves makes room for the next.
    opened[0]?.socket.destroy();
    await ended(opened[0] as RawWebSocket);
    await expect
      .poll(async () => {
        const next = await openRawWebSocket(host!.station.url);
        next.socket.destroy();
        return next.status;
      })
      .toBe(101);
    for (const raw of opened) raw.socket.destroy();
  });
});
