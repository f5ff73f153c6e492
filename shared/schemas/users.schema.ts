import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { displayName, epochMs, password, pin, username } from './common.schema';

export const role = z.enum(ROLES);

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  isDisabled: z.boolean(),
  hasPin: z.boolean(),
  createdAt: epochMs,
  lastLoginAt: epochMs.nullable(),
});
export type User = z.infer<typeof user>;

export const createUserInput = z.object({
  username,
  displayName,
  role,
  password,
  pin: pin.optional(),
});

export const updateUserInput = z.object({
  userId: z.number().int().positive(),
  displayName: displayName.optional(),
  role: role.optional(),
  isDisabled: z.boolean().optional(),
});

export const resetPasswordInput = z.object({
  userId: z.number().int().positive(),
  newPassword: password,
});

export const setUserPinInput = z.object({
  userId: z.number().int().positive(),
  pin: pin.nullable(),
});
