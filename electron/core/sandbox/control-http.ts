import type { SandboxControl } from './control';
import { badRequest, notFound } from './errors';
import type { FaultRule } from './faults';
import { labelPdf } from './pdf';
import { taskOutcome } from './routes/labels';
import type { World } from './runtime';
import { productImageSvg } from './seed-data';
import type { Status } from './state';

export type ControlReply =
  | { status: number; json: unknown }
  | { status: number; body: Buffer | string; contentType: string };

type Args = Record<string, unknown>;

const str = (args: Args, key: string): string => {
  const value = args[key];
  if (typeof value !== 'string' || value === '') throw badRequest(`${key}: string expected`);
  return value;
};
const num = (args: Args, key: string): number => {
  const value = args[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badRequest(`${key}: number expected`);
  return value;
};

/**
 * Postings one control call may add: a million take ~0.25 s of the process the Demo store shares
 * with Packdesk and ~27 MB; larger sets are made in several calls (or in process, by `control`).
 */
const MAX_GENERATED_PER_CALL = 100_000;

const postingCount = (args: Args): number => {
  const count = num(args, 'count');
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_PER_CALL) {
    throw badRequest(`count: a whole number from 0 to ${MAX_GENERATED_PER_CALL} expected`);
  }
  return count;
};

/**
 * `POST /_sandbox/<name>` with a JSON body of named arguments, one per control method (see the
 * README). Camel-case keys, plain JSON: this is the sandbox's own API, not Ozon's.
 */
function commands(control: SandboxControl): Record<string, (args: Args) => unknown> {
  return {
    now: () => ({ now: control.now() }),
    'advance-clock': (args) => ({ now: control.advanceClock(num(args, 'ms')) }),
    faults: (args) => {
      if (!Array.isArray(args.rules)) throw badRequest('rules: array expected');
      control.setFaults(args.rules as FaultRule[]);
      return { rules: control.faults() };
    },
    'faults/list': () => ({ rules: control.faults() }),
    'faults/clear': () => {
      control.clearFaults();
      return { rules: [] };
    },
    effects: () => control.effects(),
    requests: () => ({ requests: control.requests() }),
    'buyer-cancel': (args) => {
      control.buyerCancel(str(args, 'postingNumber'));
      return { ok: true };
    },
    'set-item-quantity': (args) => {
      control.setItemQuantity(str(args, 'postingNumber'), str(args, 'sku'), num(args, 'quantity'));
      return { ok: true };
    },
    'generate-postings': (args) =>
      control.generatePostings(postingCount(args), {
        ...(typeof args.status === 'string' ? { status: args.status as Status } : {}),
        ...(typeof args.spanMs === 'number' ? { spanMs: args.spanMs } : {}),
      }),
    posting: (args) => {
      const posting = control.posting(str(args, 'postingNumber'));
      if (!posting) throw notFound('POSTING_NOT_FOUND');
      return posting;
    },
    'find-postings': (args) => ({
      postingNumbers: control.findPostings({
        ...(typeof args.status === 'string' ? { status: args.status as Status } : {}),
        ...(typeof args.rfbs === 'boolean' ? { rfbs: args.rfbs } : {}),
        ...(typeof args.limit === 'number' ? { limit: args.limit } : {}),
      }),
    }),
    reset: (args) => {
      control.reset(typeof args.seed === 'number' ? args.seed : undefined);
      return { now: control.now() };
    },
    'credentials-expiry': (args) => {
      control.setCredentialsExpiry(num(args, 'at'));
      return { ok: true };
    },
    'add-card-without-sku': () => control.addCardWithoutSku(),
    'rate-limit': (args) => {
      control.setRateLimit(args.perSecond === null ? null : num(args, 'perSecond'));
      return { ok: true };
    },
  };
}

export function createControlHandler(control: SandboxControl, world: World) {
  const table = commands(control);
  return (method: string, path: string, bodyText: string): ControlReply => {
    const name = path.slice('/_sandbox/'.length);
    if (method === 'GET') return file(world, name);
    const command = table[name];
    if (!command || method !== 'POST') throw notFound('no such sandbox control');
    let args: Args = {};
    if (bodyText.trim() !== '') {
      try {
        args = JSON.parse(bodyText) as Args;
      } catch {
        throw badRequest('invalid JSON');
      }
    }
    return { status: 200, json: command(args ?? {}) };
  };
}

/** Files the sandbox hands out URLs for: label PDFs of finished tasks and product pictures. */
function file(world: World, name: string): ControlReply {
  const label = /^labels\/(\d+)\.pdf$/.exec(name);
  if (label) {
    const task = world.state.labelTasks.get(Number(label[1]));
    const printed = task ? taskOutcome(world.state, task).printed : [];
    if (printed.length === 0) throw notFound('no such label file');
    return { status: 200, body: labelPdf(printed), contentType: 'application/pdf' };
  }
  const image = /^images\/(\d+)\.svg$/.exec(name);
  const product = image ? world.state.productById.get(image[1] ?? '') : undefined;
  if (product) {
    return {
      status: 200,
      body: productImageSvg(product.offerId, (product.index * 37) % 360),
      contentType: 'image/svg+xml',
    };
  }
  throw notFound('no such file');
}
