/**
 * The reporting-currency conversion of the Druid suite, written here from its definition
 * (processor/README.md, "Reporting currency") and sharing nothing with processor/: the
 * repository's rates file (config/fx-rates.json, ECB-style: units per 1 EUR by day), the
 * rate of the event's UTC day or the nearest earlier day's, else the built-in defaults;
 * amount × rate(to) ÷ rate(from), shifted by the minor-unit exponents, rounded half away
 * from zero, per purchase. The stand-in aggregation and the ground truth both use it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATES_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'config', 'fx-rates.json');
const DEFAULTS: Record<string, number> = { EUR: 1, USD: 1.08, GBP: 0.85, BRL: 6, JPY: 160 };
const EXPONENT: Record<string, number> = { JPY: 0 };

/** The games' reporting currencies in the suite: one differs from the default USD. */
export const REPORTING_BY_GAME: Record<string, string> = { 'space-miner': 'USD', 'word-quest': 'EUR' };

const file = JSON.parse(readFileSync(RATES_FILE, 'utf8')) as { rates: Record<string, Record<string, number>> };
const days = Object.keys(file.rates).sort();

function rate(currency: string, tsMs: number): number | undefined {
  if (currency === 'EUR') return 1;
  const day = new Date(tsMs).toISOString().slice(0, 10);
  for (let i = days.length - 1; i >= 0; i--)
    if (days[i]! <= day && file.rates[days[i]!]![currency] !== undefined) return file.rates[days[i]!]![currency];
  return DEFAULTS[currency];
}

export function reportingCurrencyOf(gameId: string): string {
  return REPORTING_BY_GAME[gameId] ?? 'USD';
}

/** A purchase's amount in its game's reporting currency (minor units); 0 for a currency without a rate. */
export function toReportingMinor(amountMinor: number, currency: string, gameId: string, tsMs: number): number {
  const to = reportingCurrencyOf(gameId);
  if (currency === to) return amountMinor;
  const rFrom = rate(currency, tsMs);
  const rTo = rate(to, tsMs);
  if (rFrom === undefined || rTo === undefined) return 0;
  const shift = (EXPONENT[to] ?? 2) - (EXPONENT[currency] ?? 2);
  let x = (amountMinor * rTo) / rFrom;
  x = shift >= 0 ? x * 10 ** shift : x / 10 ** -shift;
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
