import type { HandlerMap } from '../api/context';
import { listAudit } from './audit.repo';

export const auditHandlers: HandlerMap<'audit.list'> = {
  'audit.list': (input, ctx) => listAudit(ctx.db, input),
};
