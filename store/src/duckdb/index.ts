/** The embedded DuckDB engine: `Store` and `RollupSink` in one process. */
export { openDuckDbStore, DuckDbStore } from './duckdb-store.ts';
export type { DuckDbStoreOptions } from './options.ts';
export { SCHEMA_VERSION } from './schema.ts';
