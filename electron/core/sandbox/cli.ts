import { parseArgs } from 'node:util';
import { createConsoleLogger } from '../logging/logger';
import { startSandbox } from './index';

/** `npm run sandbox -- --port 8089 --seed 7`: the sandbox marketplace as its own process. */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8089' },
      seed: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      clock: { type: 'string', default: 'real' },
    },
  });
  const clock = values.clock === 'manual' ? 'manual' : 'real';
  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    clock,
    replySchemaLog: createConsoleLogger('sandbox'),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  });
  process.stdout.write(
    `Packdesk sandbox marketplace: ${sandbox.url} (Client-Id ${sandbox.clientId}, Api-Key ${sandbox.apiKey})\n`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${String(error)}\n`);
  process.exit(1);
});
