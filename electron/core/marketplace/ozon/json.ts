import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { MarketplaceError } from '../connector';

/**
 * Ozon's int64 ids (warehouses ≈10¹⁸, orders, SKUs) do not fit a JS number, and its spec prints
 * some of them as JSON numbers and some as strings. Every reply is therefore parsed with
 * lossless-json, which keeps each number as its exact source text (`LosslessNumber`), and every
 * reader below turns that text into the type the domain wants without passing through a float.
 */

/** Parses a reply body; a SyntaxError here means the reply was cut off or was not JSON at all. */
export function parseLossless(text: string): unknown {
  return parse(text);
}

/** Back to JSON text with every number exactly as received (or as built with `int64`). */
export function stringifyLossless(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * An id for a request body, written as a JSON number exactly as given. Ozon declares these
 * fields as int64 numbers; a JS number would round anything above 2^53.
 */
export function int64(id: string, field: string): LosslessNumber {
  if (!/^\d{1,19}$/.test(id)) {
    throw new MarketplaceError('rejected', `${field} must be an integer id, got "${id}"`, {
      code: 'INVALID_ID',
    });
  }
  return new LosslessNumber(id.replace(/^0+(?=\d)/, ''));
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or an empty one: absent sub-objects are common in Ozon replies. */
export function objectOf(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Text of a string or a number as sent; '' for anything else (null, absent, objects). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.toString();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}

/**
 * An int64 id as decimal text, whether Ozon sent it as a number or a string. Zero and empty
 * mean "not set" in Ozon's replies, so both come back as null.
 */
export function idOf(value: unknown): string | null {
  const text = textOf(value).trim();
  if (!/^\d+$/.test(text)) return null;
  const normalized = text.replace(/^0+(?=\d)/, '');
  return normalized === '0' ? null : normalized;
}

/** A small integer (quantities, counts) or null when absent, fractional or unsafe. */
export function intOf(value: unknown): number | null {
  const text = textOf(value).trim();
  if (!/^-?\d+$/.test(text)) return null;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : null;
}

export function boolOf(value: unknown): boolean {
  return value === true || value === 'true';
}

/** RFC 3339 date-time to epoch ms; null for empty, absent, or Ozon's zero date "0001-01-01…". */
export function dateOf(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms <= 0 ? null : ms;
}

export function stringsOf(value: unknown): string[] {
  return arrayOf(value)
    .map(textOf)
    .filter((text) => text !== '');
}
