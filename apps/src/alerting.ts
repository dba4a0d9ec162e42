/**
 * The alert engine beside a process's own work (alerts/README.md "Where it runs"): the
 * process that holds the store and serves the API runs it, configured from the
 * environment (ALERTS_CONFIG), its console links pointing at that API. A process that
 * holds a DuckDB file keeps the alert state in `alerts/` beside it unless
 * GAMEPULSE_ALERT_STATE_DIR says otherwise (alerts/README.md "Persistence").
 */
import { ALERTS_CONFIG, defaultStateDir, startAlerting, type RunningAlerts, type StartAlertingOptions } from '@gamepulse/alerts';
import { loadConfig, type Logger, type Registry } from '@gamepulse/service';
import type { Store } from '@gamepulse/store';

export function startProcessAlerting(
  ctx: { logger: Logger; registry: Registry },
  store: Store,
  api: { host: string; port: number; storePath?: string },
  dialect?: StartAlertingOptions['dialect'],
): RunningAlerts | undefined {
  return startAlerting({
    config: loadConfig(ALERTS_CONFIG),
    store,
    dialect,
    apiUrl: `http://${api.host}:${api.port}`,
    defaultStateDir: store.engine === 'duckdb' && api.storePath ? defaultStateDir(api.storePath) : undefined,
    logger: ctx.logger,
    registry: ctx.registry,
  });
}
