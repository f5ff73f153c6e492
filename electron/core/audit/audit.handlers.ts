import type { HandlerMap } from '../handler/context';
import { listAudit } from './audit.repo';

export const auditHandlers: HandlerMap<'audit.list'> = {
  'audit.list': (input, ctx) => listAudit(ctx.db, input),
};
