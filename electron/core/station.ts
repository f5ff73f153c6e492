// Station entry: the core as a plain Node program serving the renderer and the API over HTTP/WS.
// `npm run station -- --port <n> --data <dir> --host <address>`
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from './core';
import { DatabaseTooNewError } from './db/migrate';
import { createFileLogger } from './logging/logger';
import { loadOrCreateKeyFile } from './secrets/key-file';
import { makePrivateDir } from './lib/private-files';
import { startStationHost } from './station/http-host';

const DEFAULT_PORT = 7420;

function readOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      data: { type: 'string', default: join(homedir(), '.packdesk') },
      host: { type: 'string', default: '127.0.0.1' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  return { port, dataDir: resolve(values.data), host: values.host };
}

async function main() {
  const { port, dataDir, host } = readOptions();
  const version = (
    JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
  ).version;
  makePrivateDir(dataDir);
  const log = createFileLogger(join(dataDir, 'logs'), 'station');
  const core = await createCore({
    dataDir,
    log,
    secretKey: loadOrCreateKeyFile(dataDir),
    autoSync: true,
  });
  const station = await startStationHost({
    registry: core.registry,
    log,
    rendererDir: join(__dirname, '../renderer'),
    host,
    port,
    version,
  });
  log.info({ url: station.url, dataDir }, 'station started');
  // The setup code goes to this console only, never to the log: reading it proves a person at
  // the station is setting it up. Printed before the address line, which tools wait for.
  if (station.setupCode) {
    process.stdout.write(
      `Setup code: ${station.setupCode} (first-run setup in a browser asks for it)\n` +
        `First run: ${station.url}/?setupCode=${station.setupCode}\n`,
    );
  }
  process.stdout.write(`Packdesk station ${version}: ${station.url} (data: ${dataDir})\n`);

  const stop = async () => {
    await station.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const message =
    error instanceof DatabaseTooNewError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Packdesk station could not start: ${message}\n`);
  process.exit(error instanceof DatabaseTooNewError ? 3 : 2);
});
