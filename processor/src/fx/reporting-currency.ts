/**
 * Converts purchase amounts into a game's reporting currency at fold time, with the rate
 * of the event's UTC day (fx-rates.ts), in integer minor units of the reporting currency,
 * rounded per event:
 *
 *   x = amountMinor × rate(to) ÷ rate(from), then × 10^(e_to − e_from) (or ÷ 10^(e_from − e_to)),
 *   computed in IEEE-754 doubles in that order; reporting minor = x rounded half away from zero
 *
 * where rate(c) is units of c per 1 EUR on the event's day and e_c the currency's minor
 * exponent (JPY 0, USD 2, …). The same currency converts to itself exactly. Rounding per
 * event (not per row) makes the converted value a property of the event, so additive rows
 * in any grouping sum to the same total; the error is at most half a minor unit per purchase.
 *
 * An unknown currency (no rate on the day, none earlier, no default) converts as 0 and is
 * counted (`gamepulse_processor_fx_unknown_total{currency}`): the purchase itself is still
 * counted in its own currency, nothing is dead-lettered.
 */
import { DEFAULT_FX_RATES, minorExponent, type FxRates } from './fx-rates.ts';

export interface ReportingCurrencyOptions {
  /** Reporting currency of games not in `byGame`. @default 'USD' */
  currency?: string;
  /** Per game id, its own reporting currency. @default {} */
  byGame?: Readonly<Record<string, string>>;
  /** @default DEFAULT_FX_RATES (built-in defaults only) */
  rates?: FxRates;
}

export interface ReportingConverter {
  /** The reporting currency of a game. */
  currencyOf(gameId: string): string;
  /** `amountMinor` of `currency` in minor units of `reporting` on the UTC day of `tsMs`; undefined for an unknown currency. */
  convert(amountMinor: number, currency: string, reporting: string, tsMs: number): number | undefined;
}

/** x rounded to the nearest integer, halves away from zero (2.5 → 3, −2.5 → −3). */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export function createReportingConverter(o: ReportingCurrencyOptions = {}): ReportingConverter {
  const fallback = o.currency ?? 'USD';
  const byGame = o.byGame ?? {};
  const rates = o.rates ?? DEFAULT_FX_RATES;
  for (const c of [fallback, ...Object.values(byGame)])
    if (!rates.knows(c)) throw new Error(`reporting currency ${c} has no exchange rate (rates file or built-in defaults)`);
  return {
    currencyOf: (gameId) => byGame[gameId] ?? fallback,
    convert(amountMinor, currency, reporting, tsMs) {
      if (currency === reporting) return amountMinor;
      const from = rates.rateOf(currency, tsMs);
      const to = rates.rateOf(reporting, tsMs);
      if (from === undefined || to === undefined) return undefined;
      const shift = minorExponent(reporting) - minorExponent(currency);
      let x = (amountMinor * to) / from;
      x = shift >= 0 ? x * 10 ** shift : x / 10 ** -shift;
      return roundHalfAwayFromZero(x);
    },
  };
}

export const DEFAULT_REPORTING: ReportingConverter = createReportingConverter();
