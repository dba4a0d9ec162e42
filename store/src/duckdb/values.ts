/**
 * Value conversion at the DuckDB boundary, both ways.
 *
 * In: proto3 plain objects leave fields undefined or null for their defaults (0, '');
 * counts and times must be integers that fit a JS number exactly (the generator runs
 * with --force-number: every int64 here is < 2^53).
 *
 * Out: `Row` values are JSON-friendly: BIGINT/HUGEINT become numbers when exactly
 * representable and decimal strings otherwise; TIMESTAMP and DATE become epoch
 * milliseconds (UTC) — the same unit as `window_start_ms` in the proto and as the
 * KPI library's `*_ms` columns, so callers never parse dates; BLOB becomes base64.
 */
import type { JS } from '@duckdb/node-api';
import { AnalyticsError } from '../errors.ts';
import type { Row } from '../contracts.ts';

/** Largest time we accept: 9999-12-31, beyond which TIMESTAMP literals stop being four-digit years. */
const MAX_TIME_MS = 253_402_300_799_999;

/** A VARCHAR NOT NULL cell read back with `getRowsJS()`: DuckDB hands it over as a JS string. */
export function textCell(value: JS | undefined, column: string): string {
  if (typeof value !== 'string') throw new TypeError(`${column}: expected a VARCHAR value, got ${value === null ? 'null' : typeof value}`);
  return value;
}

export function str(value: string | null | undefined): string {
  return value ?? '';
}

/** An int64 column's value as a number: integer, exact in a double. */
export function intNumber(value: number | null | undefined, field: string): number {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n)) {
    throw new AnalyticsError('GP_STORE_BAD_ROW', `${field} must be an integer below 2^53, got ${String(value)}`, {
      context: { field, value },
    });
  }
  return n;
}

/** An int64 column's value: integer, exact in a double. */
export function int(value: number | null | undefined, field: string): bigint {
  return BigInt(intNumber(value, field));
}

export function double(value: number | null | undefined, field: string): number {
  const n = value ?? 0;
  if (!Number.isFinite(n)) {
    throw new AnalyticsError('GP_STORE_BAD_ROW', `${field} must be a finite number, got ${String(value)}`, {
      context: { field, value },
    });
  }
  return n;
}

/** Epoch ms, checked: an integer in [1970, 9999-12-31]. */
export function timeMs(value: number | null | undefined, field: string): number {
  const ms = value ?? 0;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIME_MS) {
    throw new AnalyticsError('GP_STORE_BAD_ROW', `${field} must be epoch milliseconds in [0, 9999-12-31], got ${String(value)}`, {
      context: { field, value },
    });
  }
  return ms;
}

/** Epoch ms → TIMESTAMP micros. */
export function timestampMicros(value: number | null | undefined, field: string): bigint {
  return BigInt(timeMs(value, field)) * 1000n;
}

const MS_PER_DAY = 86_400_000;

/**
 * Epoch ms → DATE days, or null when the cohort is unknown: proto3 cannot tell 0 from
 * unset, and no game has players whose first day is 1970-01-01.
 */
export function dayOrNull(value: number | null | undefined, field: string): number | null {
  if (!value) return null;
  timestampMicros(value, field);
  return Math.floor(value / MS_PER_DAY);
}

export function bytes(value: Uint8Array | null | undefined): Uint8Array {
  return value ?? new Uint8Array(0);
}

function bigintToRowValue(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return bigintToRowValue(v);
  if (v instanceof Date) return v.getTime();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}

/** One DuckDB value (as @duckdb/node-api's JS conversion gives it) → a `Row` value. */
export function toRowValue(v: JS): string | number | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'string':
      return v;
    case 'bigint':
      return bigintToRowValue(v);
    case 'boolean':
      return v ? 1 : 0;
  }
  if (v instanceof Date) return v.getTime();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  // LIST, STRUCT, MAP, UNION: not produced by the KPI library; rendered as JSON text.
  return JSON.stringify(v, jsonReplacer);
}

export function toRow(record: Record<string, JS>): Row {
  const row: Row = {};
  for (const key in record) row[key] = toRowValue(record[key]!);
  return row;
}
