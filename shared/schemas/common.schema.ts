import { z } from 'zod';

export const empty = z.object({}).strict();

/** Login names: short, case-insensitive, safe to show anywhere. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9._-]+$/);

export const displayName = z.string().trim().min(1).max(80);

/** At least 8 characters (OWASP ASVS 2.1.1); long passphrases welcome. */
export const password = z.string().min(8).max(256);

/** A short personal code for switching operators at a shared station: digits only. */
export const pin = z.string().regex(/^\d{4,8}$/);

export const epochMs = z.number().int().nonnegative();
