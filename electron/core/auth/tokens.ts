import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG (ASVS 7.2.3 asks for at least 128). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by hash, so a copied database file does not hand out live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
