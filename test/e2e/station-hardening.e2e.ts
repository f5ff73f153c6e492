import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture';
import { BAD_FRAMES, openRawWebSocket } from '../support/raw-websocket';
import { startStationProcess, type StationProcess } from '../support/station-process';

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
});
