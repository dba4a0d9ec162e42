/** The Druid `Store`: Druid SQL over HTTP. */
export { DruidStore, openDruidStore, druidParameter, type DruidParameter } from './druid-store.ts';
export { fromDruidResponse } from './druid-errors.ts';
export type { DruidStoreOptions, ResolvedDruidStoreOptions } from './options.ts';
