import type { Logger } from '../../../shared/lib/logger';
import type { ClockMode } from './clock';
import { createControl, type SandboxControl } from './control';
import { startServer } from './server';
import { World } from './runtime';

export type { SandboxControl } from './control';
export type { FaultKind, FaultRule } from './faults';
export { FAULT_KINDS } from './faults';
export type { Effects, GenerateOptions, PostingEffects, PostingSnapshot, Status } from './state';
export { TIMING } from './state';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; the controls answer loopback callers only anyway. */
  host?: string;
  seed?: number;
  /** `manual` (default): time moves only when advanced. `real`: it follows the wall clock. */
  clock?: ClockMode;
  /** Sandbox time at start, epoch ms; default 2026-05-14T08:00:00Z, or now for a real clock. */
  startAt?: number;
  clientId?: string;
  apiKey?: string;
  /**
   * Every request and reply is checked against Ozon's published schema. A reply that breaks it
   * is a sandbox bug: without a logger (tests) it is answered as a 500 and `close()` rejects;
   * with one (the Demo store, the CLI) it is logged and sent as it is.
   */
  replySchemaLog?: Logger;
}

export interface Sandbox {
  /** Base URL to use instead of https://api-seller.ozon.ru. */
  url: string;
  clientId: string;
  apiKey: string;
  control: SandboxControl;
  /** Stops the server; rejects afterwards if a reply broke Ozon's schema (no `replySchemaLog`). */
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20260514;
export const DEFAULT_START = Date.UTC(2026, 4, 14, 8, 0, 0);
export const DEFAULT_CLIENT_ID = '1234567';
export const DEFAULT_API_KEY = 'sandbox-0000-1111-2222-333344445555';

/** Starts a sandbox Ozon Seller API on loopback (the Demo store, tests, benchmarks). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? 'manual';
  const world = new World({
    seed: options.seed ?? DEFAULT_SEED,
    clock,
    startAt: options.startAt ?? (clock === 'real' ? Date.now() : DEFAULT_START),
  });
  const control = createControl(world);
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const server = await startServer(world, control, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    clientId,
    apiKey,
    replySchemaLog: options.replySchemaLog,
  });
  return { url: server.url, clientId, apiKey, control, close: server.close };
}
