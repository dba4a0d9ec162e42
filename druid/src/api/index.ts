/** The HTTP query API and its server. */
export { createQueryApi } from './create-query-api.ts';
export { startQueryApi, type QueryApiServer } from './start-query-api.ts';
export { parseKpiQuery, parseTime, QUERY_PARAMS } from './parse-query.ts';
export type { QueryApiOptions, StartQueryApiOptions } from './options.ts';
export { openConfiguredStore, type StoreConfig, type StoreKind } from './configured-store.ts';
