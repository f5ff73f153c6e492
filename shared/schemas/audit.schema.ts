import { z } from 'zod';
import { epochMs } from './common.schema';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;

export const auditEntry = z.object({
  id: z.number().int(),
  at: epochMs,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  method: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** Where the call came from: `desktop` (Electron IPC) or `http:<address>` (station). */
  origin: z.string(),
  /** The call's input with secrets removed, or the error code for refused calls. */
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAuditInput = z.object({
  /** Cursor: return entries with an id below this one (newest first). */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  username: z.string().max(32).optional(),
  method: z.string().max(64).optional(),
});

export const auditPage = z.object({
  entries: z.array(auditEntry),
  nextBeforeId: z.number().int().nullable(),
});
