/**
 * The query API and console on their own, over the configured store:
 *
 *   npx tsx apps/src/query-api.ts --store druid [--druid-url http://127.0.0.1:18082] [--port 8090]
 *   npx tsx apps/src/query-api.ts --store duckdb --path .data/gamepulse.duckdb
 *
 * (With the embedded default the processor serves the API itself: DuckDB allows one
 * writer process per file; this entry point reads a file no process is writing.)
 * Routes are those of createQueryApi; the console's badge shows the engine.
 */
import { parseArgs } from 'node:util';
import { openConfiguredStore, startQueryApi } from '@gamepulse/api';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    path: { type: 'string' },
    'druid-url': { type: 'string' },
    port: { type: 'string', default: process.env.GAMEPULSE_QUERY_PORT ?? '8090' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const { store, dialect } = await openConfiguredStore({
  ...(values.store ? { store: values.store } : {}),
  ...(values.path ? { path: values.path } : {}),
  ...(values['druid-url'] ? { druidUrl: values['druid-url'] } : {}),
});
const health = await store.health();
const api = await startQueryApi({ port: Number(values.port), host: values.host, store, dialect });
console.log(`query API + console on ${store.engine}: http://${values.host}:${api.port}/ (${health.ok ? 'store healthy' : `store NOT healthy: ${health.detail}`})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void api.close().then(() => store.close());
  });
}
