/**
 * The query API and console on their own, over the configured store:
 *
 *   npx tsx apps/src/query-api.ts --store druid [--druid-url http://127.0.0.1:18082] [--port 8090]
 *   npx tsx apps/src/query-api.ts --store duckdb --path .data/gamepulse.duckdb
 *
 * (With the embedded default the processor serves the API itself: DuckDB allows one
 * writer process per file; this entry point reads a file no process is writing.)
 * Configuration: api/README.md. Routes are those of createQueryApi, /healthz /readyz
 * /metrics included; the console's badge shows the engine. With Druid it also runs the
 * alert engine (alerts/README.md "Where it runs"); GAMEPULSE_ALERT_RULES=off turns it off.
 */
import { loadQueryApiConfig, openConfiguredStore, startQueryApi } from '@gamepulse/api';
import { runService } from '@gamepulse/service';

import { startProcessAlerting } from './alerting.ts';

void runService({
  name: 'query-api',
  config: loadQueryApiConfig,
  start: async (ctx) => {
    const { config, logger, registry } = ctx;
    const { store, dialect } = await openConfiguredStore({
      store: config.store,
      path: config.storePath,
      druidUrl: config.druidUrl,
      registry,
      logger,
    });
    const alerts = startProcessAlerting(ctx, store, config, dialect);
    const api = await startQueryApi({
      alerts: alerts?.engine,
      port: config.port,
      host: config.host,
      store,
      dialect,
      registry,
      logger,
      isDraining: () => ctx.stopping,
    });
    const health = await store.health();
    logger.info('query API started', {
      url: `http://${config.host}:${api.port}/`,
      port: api.port,
      engine: store.engine,
      storeHealthy: health.ok,
      storeDetail: health.detail,
    });
    return {
      stop: [
        { name: 'alerts: finish the cycle under way', run: async () => alerts?.stop() },
        { name: 'http: stop serving', run: () => api.close() },
        { name: 'store: close', run: () => store.close() },
      ],
    };
  },
});
