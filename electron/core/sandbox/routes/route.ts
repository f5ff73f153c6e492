import type { ActiveFault } from '../faults';
import type { JsonObject } from '../json';
import type { Rng } from '../random';
import type { SandboxState } from '../state';

export interface RouteContext {
  state: SandboxState;
  /** Where this sandbox is reachable, for the URLs it hands out (images, label files). */
  baseUrl: string;
  /** The fault drawn for this call, for the ones a route applies itself (pages, ship). */
  fault: ActiveFault | null;
  rng: Rng;
}

export type Reply = { status?: number; json: unknown } | { status?: number; pdf: Buffer };

export interface Route {
  handle(body: JsonObject, context: RouteContext): Reply;
  /** Paged list endpoints; only these take the page faults. */
  isList?: boolean;
}

export type RouteTable = Record<string, Route>;
