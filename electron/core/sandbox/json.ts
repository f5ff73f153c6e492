import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { badRequest } from './errors';

export type JsonObject = Record<string, unknown>;

/** An int64 written as a bare JSON number, however large (ids above 2^53 stay exact). */
export function int64(digits: string | number): LosslessNumber {
  return new LosslessNumber(String(digits));
}

export function toJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * Parses a request body. Numbers a double holds exactly become numbers; any other (an int64 id
 * above 2^53) stays as its digits, so it can be compared and echoed without loss. Ozon's gateway
 * accepts int64 either as a number or as a string (proto3 JSON), and so do the readers below.
 */
export function parseBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = parse(text, null, (raw) => (isSafeNumber(raw) ? Number(raw) : raw));
  } catch {
    throw badRequest('invalid JSON in request body');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('request body must be a JSON object');
  }
  return value as JsonObject;
}

export function optionalObject(body: JsonObject, key: string): JsonObject {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest(`${key}: object expected`);
  return value as JsonObject;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key}: string expected`);
  return value;
}

export function requiredString(body: JsonObject, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === '') throw badRequest(`${key} is required`);
  return value;
}

export function optionalInt(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw badRequest(`${key}: integer expected`);
  }
  return number;
}

/** An int64 id as its decimal digits, from a number or a string. */
export function idText(value: unknown, key: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value.replace(/^0+(?=\d)/, '');
  throw badRequest(`${key}: int64 expected`);
}

export function optionalArray(body: JsonObject, key: string): unknown[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${key}: array expected`);
  return value;
}

export function optionalDate(body: JsonObject, key: string): number | undefined {
  const text = optionalString(body, key);
  if (text === undefined || text === '') return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw badRequest(`${key}: RFC 3339 date-time expected`);
  return ms;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
