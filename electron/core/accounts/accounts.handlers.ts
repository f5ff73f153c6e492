import { OZON_API_URL } from '../../../shared/domain/ozon-endpoint';
import type { Account } from '../../../shared/schemas/sync.schema';
import type { HandlerContext, HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import type { AccountRow } from '../db/schema';
import { MarketplaceError, type Connector, type CredentialsInfo } from '../marketplace/connector';
import { findAccount, listAccounts, productsWithoutSku } from './accounts.repo';
import { placeDemoProducts } from './demo-locations';

type AccountsMethods =
  'accounts.list' | 'accounts.connectDemo' | 'accounts.connectOzon' | 'accounts.syncNow';

const WARN_BEFORE_MS = 14 * 24 * 60 * 60 * 1000;

function credentialsWarning(expiresAt: number | null, now: number): Account['credentialsWarning'] {
  if (expiresAt === null) return 'unknown';
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= WARN_BEFORE_MS ? 'expiring' : 'ok';
}

async function toAccount(ctx: HandlerContext, row: AccountRow): Promise<Account> {
  const status = await ctx.sync.status(row.id);
  if (!status) throw new ApiFailure('not_found', 'No such account');
  const { accountId: _id, ...engineStatus } = status;
  const sync = { ...engineStatus, productsWithoutSku: await productsWithoutSku(ctx.db, row.id) };
  return {
    id: row.id,
    marketplace: row.marketplace,
    name: row.name,
    isDemo: row.is_demo === 1,
    clientId: row.client_id,
    credentialsExpireAt: row.credentials_expire_at,
    credentialsWarning: credentialsWarning(row.credentials_expire_at, ctx.now()),
    sync,
  };
}

/**
 * Longest Retry-After a connect waits out before asking once more. A 429 on `/v1/roles` is
 * usually the per-second limit, gone in a second; a longer one is the user's to wait, not a
 * request held open for minutes.
 */
const CONNECT_RETRY_WAIT_MAX_MS = 10_000;

/** Asks the marketplace whether the key works, and when it expires, before anything is saved. */
async function checkCredentials(connector: Connector): Promise<CredentialsInfo> {
  try {
    return await connector.checkCredentials();
  } catch (error) {
    if (!isBriefRateLimit(error)) throw credentialsFailure(error);
  }
  // The connector's rate limiter holds this second call until the Retry-After has passed.
  try {
    return await connector.checkCredentials();
  } catch (error) {
    throw credentialsFailure(error);
  }
}

function isBriefRateLimit(error: unknown): boolean {
  return (
    error instanceof MarketplaceError &&
    error.kind === 'rate_limited' &&
    (error.details.retryAfterMs ?? Infinity) <= CONNECT_RETRY_WAIT_MAX_MS
  );
}

/**
 * A code and our own words only: what the far end answered (its message, a proxy's page) is
 * never passed back to the caller.
 */
function credentialsFailure(error: unknown): ApiFailure {
  if (error instanceof MarketplaceError && (error.kind === 'auth' || error.kind === 'rejected')) {
    return new ApiFailure('marketplace_auth', 'The marketplace refused these credentials');
  }
  if (error instanceof MarketplaceError && error.kind === 'rate_limited') {
    const retryAfterMs = error.details.retryAfterMs ?? 1_000;
    return new ApiFailure(
      'rate_limited',
      'The marketplace is limiting requests; try again after the wait',
      { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
    );
  }
  return new ApiFailure(
    'marketplace_unreachable',
    'The marketplace could not be reached; try again',
  );
}

async function saveAccount(
  ctx: HandlerContext,
  values: {
    name: string;
    baseUrl: string;
    clientId: string;
    apiKey: string;
    isDemo: boolean;
    expiresAt: number | null;
  },
) {
  return ctx.write(async (trx) =>
    trx
      .insertInto('accounts')
      .values({
        marketplace: 'ozon',
        name: values.name,
        base_url: values.baseUrl,
        client_id: values.clientId,
        api_key_sealed: ctx.secrets.seal(values.apiKey),
        is_demo: values.isDemo ? 1 : 0,
        credentials_expire_at: values.expiresAt,
        last_pull_at: null,
        last_error: null,
        last_error_at: null,
        created_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export const accountsHandlers: HandlerMap<AccountsMethods> = {
  'accounts.list': async (_input, ctx) =>
    Promise.all((await listAccounts(ctx.db)).map((row) => toAccount(ctx, row))),

  'accounts.connectDemo': async (_input, ctx) => {
    const existing = (await listAccounts(ctx.db)).find((row) => row.is_demo === 1);
    if (existing) return toAccount(ctx, existing);
    const sandbox = await ctx.marketplaces.demoStore();
    const info = await checkCredentials(
      ctx.marketplaces.probe(sandbox.url, sandbox.clientId, sandbox.apiKey),
    );
    const row = await saveAccount(ctx, {
      name: 'Demo store',
      baseUrl: sandbox.url,
      clientId: sandbox.clientId,
      apiKey: sandbox.apiKey,
      isDemo: true,
      expiresAt: info.expiresAt,
    });
    // Shelves for the catalogue once the first pull has brought it in.
    void ctx.sync
      .syncNow(row.id)
      .then(() => placeDemoProducts(ctx.db, row.id, ctx.now()))
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'demo shelves not placed'));
    return toAccount(ctx, row);
  },

  'accounts.connectOzon': async (input, ctx) => {
    const baseUrl = input.baseUrl ?? OZON_API_URL;
    const info = await checkCredentials(
      ctx.marketplaces.probe(baseUrl, input.clientId, input.apiKey),
    );
    const row = await saveAccount(ctx, {
      ...input,
      baseUrl,
      isDemo: false,
      expiresAt: info.expiresAt,
    });
    void ctx.sync.syncNow(row.id);
    return toAccount(ctx, row);
  },

  'accounts.syncNow': async (input, ctx) => {
    const row = await findAccount(ctx.db, input.accountId);
    if (!row) throw new ApiFailure('not_found', 'No such account');
    await ctx.sync.syncNow(row.id);
    return toAccount(ctx, (await findAccount(ctx.db, row.id)) ?? row);
  },
};
