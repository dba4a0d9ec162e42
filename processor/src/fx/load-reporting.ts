/**
 * The process's reporting-currency converter from its configuration: rates from the
 * endpoint (`fxRatesUrl`) or the file (`fxRatesPath`), else the built-in defaults; the
 * per-game currencies from `gameId=CUR` entries. Problems are a ConfigError (exit 2).
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@gamepulse/service';
import { DEFAULT_FX_RATES, parseFxRates, type FxRates, type FxRatesFile } from './fx-rates.ts';
import { createReportingConverter, type ReportingConverter } from './reporting-currency.ts';

export interface ReportingConfig {
  reportingCurrency: string;
  reportingCurrencyByGame: readonly string[];
  fxRatesPath: string;
  fxRatesUrl: string;
}

export interface LoadReportingOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

async function ratesFrom(config: ReportingConfig, o: LoadReportingOptions): Promise<FxRates> {
  if (config.fxRatesUrl) {
    const res = await (o.fetch ?? fetch)(config.fxRatesUrl);
    if (!res.ok) throw new Error(`GET ${config.fxRatesUrl}: HTTP ${res.status}`);
    return parseFxRates((await res.json()) as FxRatesFile);
  }
  if (config.fxRatesPath) return parseFxRates(JSON.parse(await readFile(config.fxRatesPath, 'utf8')) as FxRatesFile);
  return DEFAULT_FX_RATES;
}

export async function loadReportingConverter(config: ReportingConfig, o: LoadReportingOptions = {}): Promise<ReportingConverter> {
  try {
    const byGame = Object.fromEntries(
      config.reportingCurrencyByGame.map((entry) => {
        const i = entry.lastIndexOf('=');
        return [entry.slice(0, i), entry.slice(i + 1)];
      }),
    );
    return createReportingConverter({ currency: config.reportingCurrency, byGame, rates: await ratesFrom(config, o) });
  } catch (err) {
    throw new ConfigError([`exchange rates: ${(err as Error).message}`]);
  }
}
