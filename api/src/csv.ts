/**
 * A KPI result as CSV (RFC 4180), for export to spreadsheets and live-ops tools
 * (`GET /v1/kpis/:name?format=csv`): a header of the result's columns, one line per
 * row, CRLF line ends; a field with a comma, quote or line break is quoted, quotes
 * doubled; NULL is an empty field.
 */
import type { Row } from '@gamepulse/store';

/** Output formats of `GET /v1/kpis/:name`. */
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(field).join(',')];
  for (const r of rows) lines.push(columns.map((c) => field(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
