/** The logging surface every process uses; pino implements it in main and core. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, string>): Logger;
}

/** Field names whose values never reach a log line or the audit log, wherever they nest. */
export const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'pin',
  'token',
  'authorization',
  'apiKey',
  'cookie',
] as const;

/** pino `redact` paths for the secret fields at the top level and one or two levels down. */
export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** A copy of a JSON-like value with secret fields replaced, for the audit log. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      (SECRET_FIELDS as readonly string[]).includes(key) ? '[redacted]' : redactSecrets(inner),
    ]),
  );
}
