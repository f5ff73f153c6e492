import { z } from 'zod';
import { LANGUAGES, THEMES } from '../domain/preferences';
import { displayName, epochMs, password, pin, username } from './common.schema';
import { user } from './users.schema';

export const session = z.object({
  /** Bearer token: 256 random bits, shown once; the core stores only its hash. */
  token: z.string(),
  expiresAt: epochMs,
  user,
});
export type Session = z.infer<typeof session>;

export const loginInput = z.object({
  username,
  password: z.string().min(1).max(256),
});

export const switchOperatorInput = z.object({ username, pin });

export const operator = z.object({ username: z.string(), displayName: z.string() });

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const setOwnPinInput = z.object({
  currentPassword: z.string().min(1).max(256),
  pin: pin.nullable(),
});

export const preferences = z.object({
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
});
export type Preferences = z.infer<typeof preferences>;

export const updatePreferencesInput = preferences.partial();

export const shop = z.object({ name: z.string() });
export type Shop = z.infer<typeof shop>;

export const updateShopInput = z.object({ name: displayName });

export const me = z.object({ user, preferences, shop });
export type Me = z.infer<typeof me>;

export const setupStatus = z.object({
  isSetUp: z.boolean(),
  shopName: z.string().nullable(),
  /** Over HTTP before first run: `setup.createShop` needs the code on the station's console. */
  setupCodeRequired: z.boolean().optional(),
});

export const createShopInput = z.object({
  shopName: displayName,
  username,
  displayName,
  password,
  language: z.enum(LANGUAGES),
  /** The station's one-time setup code, printed on its console; over HTTP only. */
  setupCode: z.string().max(64).optional(),
});
