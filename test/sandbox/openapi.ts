import type { ValidationResult } from '../../electron/core/sandbox/openapi/validator';

export { validateRequest, validateResponse } from '../../electron/core/sandbox/openapi/validator';

/** Throws with every schema error listed; handy inside tests. */
export function assertValid(result: ValidationResult, what: string): void {
  if (!result.ok)
    throw new Error(`${what} does not match the Ozon schema:\n${result.errors.join('\n')}`);
}
