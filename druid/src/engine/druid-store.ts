/**
 * The production `Store`: Druid SQL over HTTP (POST /druid/v2/sql) against a broker or
 * router. Queries come from the KPI library rendered with the Druid dialect
 * (druid-query-toolkit builds its identifiers and literals); this class only runs them:
 * `?` placeholders go as Druid dynamic parameters (typed VARCHAR / BIGINT / DOUBLE),
 * rows come back as objects (`resultFormat: object`). Read-only: Druid is fed by its
 * Kafka supervisors (druid/ingestion), never through this store.
 */
import { AnalyticsError, storeMetrics, type StoreMetrics, type Row, type Store } from '@gamepulse/store';
import { fromDruidResponse, fromFetchFailure } from './druid-errors.ts';
import { resolveDruidStoreOptions, type DruidStoreOptions, type ResolvedDruidStoreOptions } from './options.ts';

export interface DruidParameter {
  type: 'VARCHAR' | 'BIGINT' | 'DOUBLE';
  value: string | number;
}

/** Druid needs each dynamic parameter's SQL type. */
export function druidParameter(value: string | number): DruidParameter {
  if (typeof value === 'string') return { type: 'VARCHAR', value };
  return { type: Number.isSafeInteger(value) ? 'BIGINT' : 'DOUBLE', value };
}

/** Druid returns SQL NULL as null, numbers as numbers; anything else (arrays, objects) as JSON text. */
function toRow(raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(raw)) {
    row[k] = v === null || v === undefined || typeof v === 'number' || typeof v === 'string' ? (v ?? null) : JSON.stringify(v);
  }
  return row;
}

export class DruidStore implements Store {
  readonly engine = 'druid' as const;
  readonly url: string;
  private closed = false;
  private readonly metrics: StoreMetrics | undefined;

  constructor(private readonly options: ResolvedDruidStoreOptions) {
    this.url = options.url;
    this.metrics = options.registry && storeMetrics(options.registry);
  }

  async sql(query: string, params: Array<string | number> = []): Promise<Row[]> {
    if (this.closed) throw new AnalyticsError('GP_STORE_CLOSED', `druid store ${this.url} is closed`);
    const started = performance.now();
    const endpoint = `${this.url}/druid/v2/sql`;
    const body = JSON.stringify({
      query,
      parameters: params.map(druidParameter),
      resultFormat: 'object',
      // sqlTimeZone UTC: TIME_FLOOR(…, 'P1D') means UTC days, as on DuckDB.
      context: { sqlTimeZone: 'Etc/UTC', timeout: this.options.queryTimeoutMillis, ...this.options.context },
    });
    let res: Response;
    let text: string;
    try {
      res = await this.options.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        // A little longer than Druid's own timeout, so Druid's TIMEOUT answer wins when it comes.
        signal: AbortSignal.timeout(this.options.queryTimeoutMillis + 2_000),
      });
      text = await res.text();
    } catch (err) {
      throw fromFetchFailure(err, endpoint, this.options.queryTimeoutMillis);
    } finally {
      this.metrics?.querySeconds.observe({ engine: this.engine }, (performance.now() - started) / 1000);
    }
    if (!res.ok) {
      const err = fromDruidResponse(res.status, text, query);
      this.options.logger?.warn('druid query failed', { code: err.code, status: res.status, message: err.message });
      throw err;
    }
    return (JSON.parse(text) as Array<Record<string, unknown>>).map(toRow);
  }

  /** Ready when the broker answers `GET /status/health` and has synced its view of the segments. */
  async health(): Promise<{ ok: boolean; detail: string }> {
    if (this.closed) return { ok: false, detail: `druid ${this.url}: closed` };
    try {
      const res = await this.options.fetch(`${this.url}/druid/broker/v1/readiness`, { signal: AbortSignal.timeout(3_000) });
      return res.ok
        ? { ok: true, detail: `druid ${this.url}` }
        : { ok: false, detail: `druid ${this.url}: broker not ready (HTTP ${res.status})` };
    } catch (err) {
      return { ok: false, detail: `druid ${this.url}: ${fromFetchFailure(err, this.url, 3_000).message}` };
    }
  }

  /** Nothing to release (HTTP is per request); later calls fail with GP_STORE_CLOSED. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A Druid store; does not contact Druid (use `health()` for that). */
export function openDruidStore(options: DruidStoreOptions = {}): DruidStore {
  return new DruidStore(resolveDruidStoreOptions(options));
}
