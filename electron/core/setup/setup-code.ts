import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read off a screen cannot be mistyped as another. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols of 5 bits: 80 bits, far beyond guessing over HTTP. */
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * The one-time code that first-run setup over HTTP needs while the shop is not set up. It is
 * shown only on the station's console, so whoever sets the shop up can read that console: a
 * page on another site, or another machine on the LAN, cannot claim a fresh station's
 * Administrator. Setup through the desktop app's own window needs none.
 */
export interface SetupCode {
  /** `XXXX-XXXX-XXXX-XXXX`, for the console only: never logged, never stored. */
  readonly code: string;
  /** False once the shop has been set up with it. */
  isActive(): boolean;
  /** Whether `candidate` is this code (case, spaces and dashes aside), in constant time. */
  accepts(candidate: unknown): boolean;
  /** First run is done: the code opens nothing any more. */
  spend(): void;
}

export function createSetupCode(): SetupCode {
  const symbols = Array.from({ length: GROUPS * GROUP_LENGTH }, () => ALPHABET[randomInt(32)]);
  const code = Array.from({ length: GROUPS }, (_, group) =>
    symbols.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join(''),
  ).join('-');
  const expected = digest(code);
  let active = true;
  return {
    code,
    isActive: () => active,
    accepts(candidate) {
      if (!active || typeof candidate !== 'string' || candidate.length > 64) return false;
      // Digests have one length whatever was typed, so the comparison's time says nothing.
      return timingSafeEqual(digest(candidate), expected);
    },
    spend() {
      active = false;
    },
  };
}

function digest(code: string): Buffer {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest();
}
