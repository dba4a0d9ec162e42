/** Options of the Druid `Store`: one type with documented defaults, resolved once. */
import type { Logger, Registry } from '@gamepulse/service';

export interface DruidStoreOptions {
  /** Broker (or router) base URL; SQL goes to `${url}/druid/v2/sql`. @default GAMEPULSE_DRUID_URL or http://127.0.0.1:18082 */
  url?: string;
  /** Per-query time limit, sent to Druid as the `timeout` context too. @default 30_000 */
  queryTimeoutMillis?: number;
  /** Extra Druid query context for every query (e.g. `{ useCache: false }`). @default {} */
  context?: Record<string, unknown>;
  /** Metrics: gamepulse_store_query_seconds{engine="druid"}. */
  registry?: Registry;
  logger?: Logger;
  /** For tests: the fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface ResolvedDruidStoreOptions {
  url: string;
  queryTimeoutMillis: number;
  context: Record<string, unknown>;
  registry: Registry | undefined;
  logger: Logger | undefined;
  fetch: typeof fetch;
}

export function resolveDruidStoreOptions(o: DruidStoreOptions = {}): ResolvedDruidStoreOptions {
  const timeout = o.queryTimeoutMillis ?? 30_000;
  if (!Number.isInteger(timeout) || timeout < 1) throw new RangeError(`queryTimeoutMillis must be a positive integer, got ${timeout}`);
  return {
    url: (o.url ?? process.env.GAMEPULSE_DRUID_URL ?? 'http://127.0.0.1:18082').replace(/\/+$/, ''),
    queryTimeoutMillis: timeout,
    context: o.context ?? {},
    registry: o.registry,
    logger: o.logger,
    fetch: o.fetch ?? globalThis.fetch,
  };
}
