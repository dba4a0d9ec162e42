/**
 * Exchange rates by day, as the ECB publishes its euro foreign exchange reference rates
 * (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/):
 * for each TARGET business day, units of a currency per 1 EUR. The rates file
 * (`config/fx-rates.json`, or an endpoint serving the same JSON) holds them as
 *
 *   { "source": "…", "base": "EUR", "rates": { "2026-01-05": { "USD": 1.0321, "JPY": 162.13, … }, … } }
 *
 * Which rate a day uses (`rateOf`):
 *  1. the file's rate of that UTC day;
 *  2. else the nearest earlier day of the file that has the currency (weekends and
 *     holidays, when the ECB publishes nothing, use the last business day's rate; days
 *     after the file's last day use its last rate);
 *  3. else the built-in default (`DEFAULT_RATES_PER_EUR`: the simulator's currencies);
 *  4. else the currency is unknown: `undefined` (the caller counts it and converts as 0).
 * EUR is the base: always 1.
 */

export const DAY_MS = 86_400_000;

/**
 * Fallback rates (units per EUR) for the currencies the simulator sells in, used for
 * days before the file's first rate or when there is no file: round values near the
 * ECB reference rates of late 2025, good for demos and tests, not for accounting.
 */
export const DEFAULT_RATES_PER_EUR: Readonly<Record<string, number>> = {
  EUR: 1,
  USD: 1.08,
  GBP: 0.85,
  BRL: 6,
  JPY: 160,
};

/** ISO 4217 minor-unit exponents that are not 2 (the default): amounts are in these units. */
const MINOR_EXPONENTS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

/** Digits after the decimal point of the currency's minor unit (ISO 4217; 2 unless listed). */
export function minorExponent(currency: string): number {
  return MINOR_EXPONENTS[currency] ?? 2;
}

/** The rates file's JSON shape. */
export interface FxRatesFile {
  /** Where the rates come from (free text). */
  source?: string;
  /** Only 'EUR' is accepted: rates are units of a currency per 1 EUR. @default 'EUR' */
  base?: string;
  /** UTC day 'YYYY-MM-DD' → currency → units per 1 EUR. */
  rates: Record<string, Record<string, number>>;
}

export interface FxRates {
  /** Units of `currency` per 1 EUR on the UTC day of `dayMs`; undefined for an unknown currency. */
  rateOf(currency: string, dayMs: number): number | undefined;
  /** Whether any day (or the defaults) has a rate for it. */
  knows(currency: string): boolean;
}

/** Throws an Error naming every problem of a rates file (bad day, non-positive rate, other base). */
export function parseFxRates(file: FxRatesFile, defaults: Readonly<Record<string, number>> = DEFAULT_RATES_PER_EUR): FxRates {
  const problems: string[] = [];
  if (file.base !== undefined && file.base !== 'EUR') problems.push(`base must be EUR, got ${file.base}`);
  if (!file.rates || typeof file.rates !== 'object') problems.push('rates must be an object of days');
  const byCurrency = new Map<string, Array<[number, number]>>();
  for (const [day, rates] of Object.entries(file.rates ?? {})) {
    const dayMs = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (!Number.isFinite(dayMs)) {
      problems.push(`day "${day}" is not YYYY-MM-DD`);
      continue;
    }
    for (const [currency, rate] of Object.entries(rates)) {
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
        problems.push(`${day} ${currency}: rate must be a positive number, got ${String(rate)}`);
        continue;
      }
      let list = byCurrency.get(currency);
      if (!list) byCurrency.set(currency, (list = []));
      list.push([dayMs, rate]);
    }
  }
  if (problems.length) throw new Error(`invalid exchange rates: ${problems.join('; ')}`);
  for (const list of byCurrency.values()) list.sort((a, b) => a[0] - b[0]);
  return {
    rateOf(currency, dayMs) {
      if (currency === 'EUR') return 1;
      const list = byCurrency.get(currency);
      if (list) {
        const day = Math.floor(dayMs / DAY_MS) * DAY_MS;
        // The last entry at or before the day (binary search).
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (list[mid]![0] <= day) lo = mid + 1;
          else hi = mid;
        }
        if (lo > 0) return list[lo - 1]![1];
      }
      return defaults[currency];
    },
    knows: (currency) => currency === 'EUR' || byCurrency.has(currency) || defaults[currency] !== undefined,
  };
}

/** Only the built-in defaults (no rates file configured). */
export const DEFAULT_FX_RATES: FxRates = parseFxRates({ rates: {} });
