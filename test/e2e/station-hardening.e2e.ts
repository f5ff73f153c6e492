import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../support/core-fixture';
import { BAD_FRAMES, openRawWebSocket } from '../support/raw-websocket';
import { api, startStationProcess, type StationProcess } from '../support/station-process';

/** The built station as its own process, attacked the way a hostile page or client could. */
const dataDir = tempDir('packdesk-e2e-');
let station: StationProcess;

beforeAll(async () => {
  station = await startStationProcess(dataDir);
});
afterAll(async () => {
  await station?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the station process under hostile input', () => {
  it('survives one bad WebSocket frame of each kind and keeps answering health', async () => {
    for (const [kind, { frame, closeCode }] of Object.entries(BAD_FRAMES)) {
      const raw = await openRawWebSocket(station.url);
      expect(raw.status, kind).toBe(101);
      raw.send(frame());
      expect(await raw.closeCode(), kind).toBe(closeCode);
      expect(station.child.exitCode, kind).toBeNull();
      expect((await fetch(`${station.url}/api/health`)).status, kind).toBe(200);
    }
  });

  it('takes first-run setup over HTTP only as JSON from its own pages, with the code it printed', async () => {
    const code = station.setupCode ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(station.stdout()).toContain(`${station.url}/?setupCode=${code}`);
    const createShop = `${station.url}/api/setup/createShop`;
    const body = JSON.stringify({ ...ADMIN, setupCode: code });

    // What a page on another site can send without a preflight (the 200 and a new
    // Administrator for that page), then the same as JSON, then plain text from our own page.
    const post = (contentType: string, origin: string) =>
      fetch(createShop, {
        method: 'POST',
        headers: { 'Content-Type': contentType, Origin: origin },
        body,
      });
    expect((await post('text/plain', 'https://evil.example')).status).toBe(403);
    expect((await post('application/json', 'https://evil.example')).status).toBe(403);
    expect((await post('text/plain', station.url)).status).toBe(400);
    const noCode = await api(station.url, 'setup.createShop', ADMIN);
    expect(noCode.status).toBe(403);
    expect((await api(station.url, 'setup.status', {})).body.data).toEqual({
      isSetUp: false,
      shopName: null,
      setupCodeRequired: true,
    });

    const created = await api(station.url, 'setup.createShop', { ...ADMIN, setupCode: code });
    expect(created.status).toBe(200);
    expect((await api(station.url, 'setup.status', {})).body.data.isSetUp).toBe(true);

    // The console shows the code; the station's log files never do.
    const logs = join(dataDir, 'logs');
    const logText = readdirSync(logs)
      .map((name) => readFileSync(join(logs, name), 'utf8'))
      .join('\n');
    expect(logText).toContain('station started');
    expect(logText).not.toContain(code);
  });

  it('prints no setup code once the shop is set up', async () => {
    await station.stop();
    station = await startStationProcess(dataDir);
    expect(station.setupCode).toBeNull();
    expect(station.stdout()).not.toMatch(/setup code/i);
  });
});
