import type { Db } from '../db/connection';
import type { AccountRow } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { Connector } from './connector';
import { createOzonConnector } from './ozon/index';

/** The marketplace behind the Demo store: the address and credentials its account connects with. */
export interface DemoStore {
  url: string;
  clientId: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * Makes one connector per account (Ozon's quotas are per Client-Id, so the rate limiter must be
 * shared by everything that talks to one account) and runs the marketplace behind the Demo store.
 */
export function createMarketplaceHub(options: {
  secrets: SecretBox;
  log: Logger;
  /** Per marketplace request; tests shorten it. */
  timeoutMs?: number | undefined;
  /**
   * Starts the Demo store's marketplace (the composition root passes the in-process sandbox,
   * which only it may reach); called at most once.
   */
  startDemo: () => Promise<DemoStore>;
}) {
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const connectors = new Map<number, { key: string; connector: Connector }>();
  let demo: Promise<DemoStore> | null = null;

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

    /** Starts the Demo store's marketplace once per core; its address changes with every start. */
    demoStore(): Promise<DemoStore> {
      demo ??= options.startDemo();
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
      const store = await this.demoStore();
      await db
        .updateTable('accounts')
        .set({ base_url: store.url })
        .where('id', '=', account.id)
        .execute();
    },

    async close() {
      if (demo) await (await demo).close();
    },
  };
}

export type MarketplaceHub = ReturnType<typeof createMarketplaceHub>;
