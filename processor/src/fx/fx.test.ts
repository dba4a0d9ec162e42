import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@gamepulse/service';
import { DEFAULT_RATES_PER_EUR, parseFxRates, type FxRatesFile } from './fx-rates.ts';
import { createReportingConverter, roundHalfAwayFromZero } from './reporting-currency.ts';
import { loadReportingConverter } from './load-reporting.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const FILE: FxRatesFile = {
  base: 'EUR',
  rates: {
    '2026-01-05': { USD: 1.04, JPY: 160 },
    '2026-01-06': { USD: 1.1 },
    '2026-01-09': { USD: 1.2, XTS: 2 },
  },
};

describe('processor/src/fx/fx-rates', () => {
  const rates = parseFxRates(FILE);
  it("uses the day's rate, else the nearest earlier day's, else the built-in default; EUR is 1", () => {
    expect(rates.rateOf('USD', day('2026-01-06') + 13 * 3_600_000)).toBe(1.1);
    expect(rates.rateOf('USD', day('2026-01-08'))).toBe(1.1); // no rate that day: the 6th's
    expect(rates.rateOf('USD', day('2026-03-01'))).toBe(1.2); // after the file: its last rate
    expect(rates.rateOf('JPY', day('2026-01-09'))).toBe(160); // the 9th has no JPY: the 5th's
    expect(rates.rateOf('USD', day('2025-12-31'))).toBe(DEFAULT_RATES_PER_EUR.USD); // before the file
    expect(rates.rateOf('GBP', day('2026-01-06'))).toBe(DEFAULT_RATES_PER_EUR.GBP); // not in the file
    expect(rates.rateOf('XTS', day('2026-01-08'))).toBeUndefined(); // only later in the file, no default
    expect(rates.rateOf('EUR', 0)).toBe(1);
    expect(rates.rateOf('XXX', day('2026-01-09'))).toBeUndefined();
    expect(rates.knows('XTS')).toBe(true);
    expect(rates.knows('XXX')).toBe(false);
  });

  it('refuses a malformed file, naming every problem', () => {
    expect(() => parseFxRates({ base: 'USD', rates: { '5 Jan': { USD: 1 }, '2026-01-05': { JPY: 0, GBP: -1 } } })).toThrow(
      /base must be EUR.*"5 Jan".*JPY.*GBP/,
    );
  });

  it('the repository rates file parses', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'config', 'fx-rates.json'), 'utf8')) as FxRatesFile;
    const r = parseFxRates(file);
    for (const c of ['USD', 'GBP', 'BRL', 'JPY']) expect(r.rateOf(c, day('2026-01-10'))).toBeGreaterThan(0);
  });
});

describe('processor/src/fx/reporting-currency', () => {
  const usd = createReportingConverter({ currency: 'USD', byGame: { jp: 'JPY' }, rates: parseFxRates(FILE) });
  const at = day('2026-01-05') + 3_600_000;

  it('converts with the minor exponents of both currencies, rounding each event half away from zero', () => {
    // 100 JPY (exponent 0) → USD cents: 100 × 1.04 / 160 × 100 = 65
    expect(usd.convert(100, 'JPY', 'USD', at)).toBe(65);
    // 1 EUR cent → 1.04 US cents → 1
    expect(usd.convert(1, 'EUR', 'USD', at)).toBe(1);
    // 999 US cents → JPY: 999 × 160 / 1.04 ÷ 100 = 1536.92… → 1537
    expect(usd.convert(999, 'USD', 'JPY', at)).toBe(1537);
    // the same currency: exact, no floating point
    expect(usd.convert(123_456_789, 'USD', 'USD', at)).toBe(123_456_789);
    // the day's rate: on the 6th USD is 1.1 per EUR
    expect(usd.convert(100, 'EUR', 'USD', day('2026-01-06'))).toBe(110);
  });

  it('rounds halves away from zero', () => {
    expect([0.5, 1.5, 2.5, -0.5, -2.5, 2.4999].map(roundHalfAwayFromZero)).toEqual([1, 2, 3, -1, -3, 2]);
    // 50 EUR cents at 1.01 USD/EUR = 50.5 US cents → 51
    const c = createReportingConverter({ rates: parseFxRates({ rates: { '2026-01-05': { USD: 1.01 } } }) });
    expect(c.convert(50, 'EUR', 'USD', at)).toBe(51);
  });

  it('an unknown currency converts to nothing (the fold counts it as 0 and in a metric)', () => {
    expect(usd.convert(500, 'XXX', 'USD', at)).toBeUndefined();
  });

  it('a reporting currency per game, USD by default; a reporting currency without a rate is refused', () => {
    expect(usd.currencyOf('jp')).toBe('JPY');
    expect(usd.currencyOf('other')).toBe('USD');
    expect(createReportingConverter().currencyOf('any')).toBe('USD');
    expect(() => createReportingConverter({ currency: 'XXX' })).toThrow(/XXX has no exchange rate/);
  });

  it('loads from the file or an endpoint; a failing endpoint is a configuration error', async () => {
    const base = { reportingCurrency: 'EUR', reportingCurrencyByGame: ['g=JPY'], fxRatesPath: '', fxRatesUrl: '' };
    const fromDefaults = await loadReportingConverter(base);
    expect(fromDefaults.currencyOf('g')).toBe('JPY');
    expect(fromDefaults.convert(108, 'USD', 'EUR', at)).toBe(100);
    const served = await loadReportingConverter(
      { ...base, fxRatesUrl: 'http://rates.test/fx.json' },
      { fetch: async () => Promise.resolve(new Response(JSON.stringify(FILE))) },
    );
    expect(served.convert(104, 'USD', 'EUR', at)).toBe(100);
    await expect(
      loadReportingConverter(
        { ...base, fxRatesUrl: 'http://rates.test/fx.json' },
        { fetch: async () => Promise.resolve(new Response('', { status: 503 })) },
      ),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
