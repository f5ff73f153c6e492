import type { Db } from '../db/connection';
import type { AccountRow } from '../db/schema';
import type { Logger } from '../logging/logger';
import { startSandbox, type Sandbox } from '../sandbox/index';
import type { SecretBox } from '../secrets/secret-box';
import type { Connector } from './connector';
import { createOzonConnector } from './ozon/index';

/** Fixed seed: every Demo store starts as the same shop, so guides and screenshots match. */
const DEMO_SEED = 20261123;

/**
 * Makes one connector per account (Ozon's quotas are per Client-Id, so the rate limiter must be
 * shared by everything that talks to one account) and runs the in-process sandbox behind the
 * Demo store.
 */
export function createMarketplaceHub(options: {
  secrets: SecretBox;
  log: Logger;
  /** Per marketplace request; tests shorten it. */
  timeoutMs?: number | undefined;
}) {
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const connectors = new Map<number, { key: string; connector: Connector }>();
  let demo: Promise<Sandbox> | null = null;

  return {
    connectorFor(account: AccountRow): Connector {
      const key = `${account.base_url}|${account.client_id}|${account.api_key_sealed}`;
      const cached = connectors.get(account.id);
      if (cached?.key === key) return cached.connector;
      const connector = createOzonConnector({
        baseUrl: account.base_url,
        clientId: account.client_id,
        apiKey: options.secrets.open(account.api_key_sealed),
        log: options.log,
        ...timeout,
      });
      connectors.set(account.id, { key, connector });
      return connector;
    },

    /** A connector for credentials not saved yet, to check them before saving. */
    probe(baseUrl: string, clientId: string, apiKey: string): Connector {
      return createOzonConnector({ baseUrl, clientId, apiKey, timeoutMs: 15_000 });
    },

    /** Starts the Demo store's sandbox once per core; its address changes with every start. */
    demoSandbox(): Promise<Sandbox> {
      demo ??= startSandbox({
        port: 0,
        seed: DEMO_SEED,
        clock: 'real',
        // A sandbox reply off Ozon's schema is logged, not turned into an error for the seller.
        replySchemaLog: options.log,
      });
      return demo;
    },

    /**
     * The Demo store's sandbox lives in memory and gets a new port at every start: restart it
     * and point the demo account at it, so the Demo store keeps working across restarts.
     */
    async reattachDemo(db: Db) {
      const account = await db
        .selectFrom('accounts')
        .select(['id', 'base_url'])
        .where('is_demo', '=', 1)
        .executeTakeFirst();
      if (!account) return;
      const sandbox = await this.demoSandbox();
      await db
        .updateTable('accounts')
        .set({ base_url: sandbox.url })
        .where('id', '=', account.id)
        .execute();
    },

    async close() {
      if (demo) await (await demo).close();
    },
  };
}

export type MarketplaceHub = ReturnType<typeof createMarketplaceHub>;
