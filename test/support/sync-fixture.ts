import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { createCoreFixture, setUpShop, type CoreFixture } from './core-fixture';

/**
 * A core and a sandbox marketplace on loopback whose clocks move together, with the sandbox
 * connected as an Ozon account through the real `accounts.connectOzon` path.
 */
export interface SyncFixture extends CoreFixture {
  sandbox: Sandbox;
  token: string;
  accountId: number;
  /** Moves both clocks forward. */
  advance(ms: number): void;
  sync(): Promise<void>;
}

export async function createSyncFixture(
  seed = 7,
  /** Shapes the marketplace before the account connects (and its first sync starts). */
  prepare: (sandbox: Sandbox) => void = () => undefined,
): Promise<SyncFixture> {
  const fx = await createCoreFixture();
  const token = await setUpShop(fx);
  const sandbox = await startSandbox({ port: 0, seed, clock: 'manual', startAt: fx.clock.now });
  prepare(sandbox);
  const account = await fx.call(
    'accounts.connectOzon',
    { name: 'Sandbox', clientId: sandbox.clientId, apiKey: sandbox.apiKey, baseUrl: sandbox.url },
    token,
  );
  const dispose = fx.dispose;
  return {
    ...fx,
    sandbox,
    token,
    accountId: account.id,
    advance(ms) {
      fx.clock.now += ms;
      sandbox.control.advanceClock(ms);
    },
    sync: () => fx.core.sync.syncNow(account.id),
    async dispose() {
      await dispose();
      await sandbox.close();
    },
  };
}
