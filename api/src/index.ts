/** @gamepulse/api — the query API over the KPI library (HTTP, JSON) and the live console it serves. */
export { createQueryApi } from './create-query-api.ts';
export { startQueryApi, type QueryApiServer } from './start-query-api.ts';
export { parseKpiQuery, parseTime, QUERY_PARAMS } from './parse-query.ts';
export type { QueryApiOptions, StartQueryApiOptions } from './options.ts';
export { openConfiguredStore, type StoreConfig, type StoreKind } from './configured-store.ts';
export { QUERY_API_CONFIG, loadQueryApiConfig, type QueryApiConfig } from './config.ts';
export { apiMetrics, liveChangesMetrics, type ApiMetrics } from './metrics.ts';
export { consoleHtml } from './console/index.ts';
