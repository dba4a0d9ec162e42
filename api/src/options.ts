import type { Logger, ReadinessCheck, Registry } from '@gamepulse/service';
import type { Dialect } from '@gamepulse/kpi';
import type { Store } from '@gamepulse/store';
import type { AlertEngine } from '@gamepulse/alerts';
import type { LiveChanges } from './live/live-changes.ts';

/** What the API reads of the alert engine. */
export type AlertsSource = Pick<AlertEngine, 'active' | 'history' | 'rules'>;

export interface QueryApiOptions {
  /** The store KPIs run on. The API never closes it: its owner does. */
  store: Store;
  /** Clock for default ranges and online_now. @default Date.now */
  nowMs?: () => number;
  /** Metrics served at /metrics. @default a new registry for service "query-api" */
  registry?: Registry;
  /** Readiness checks besides the store's own health. @default [] */
  checks?: ReadinessCheck[];
  /** True once shutdown began: /readyz answers 503. @default never */
  isDraining?: () => boolean;
  /** @default the store engine's default dialect */
  dialect?: Dialect;
  /** Logs failed queries when given. */
  logger?: Logger;
  /** Serve the live console at `/`. @default true */
  console?: boolean;
  /** The alert engine whose alerts `/v1/alerts` serves. @default none: `{ enabled: false }` */
  alerts?: AlertsSource;
  /**
   * Serves `GET /v1/changes` (Server-Sent Events: a push when the store's data changed).
   * `startQueryApi` makes one from the store unless `live` is false. @default none: 404
   */
  changes?: LiveChanges;
}

export interface StartQueryApiOptions extends QueryApiOptions {
  /**
   * Push changes to consoles: from the store's own change feed (DuckDB commits) or, for
   * a store without one (Druid), a probe every `liveProbeIntervalMs` while a console is
   * connected. @default true
   */
  live?: boolean;
  /** @default 2000 */
  liveProbeIntervalMs?: number;
  /** 0 picks a free port. */
  port: number;
  /** @default '127.0.0.1' */
  host?: string;
}
