/**
 * Which store the query API serves: configuration, not a fork. `--store duckdb|druid`
 * (or GAMEPULSE_STORE) picks the engine; the KPI library renders for its dialect.
 *
 * | setting | flag | environment | default |
 * |---|---|---|---|
 * | engine | `--store` | `GAMEPULSE_STORE` | `duckdb` |
 * | DuckDB file | `--path` | `GAMEPULSE_STORE_PATH` | `.data/gamepulse.duckdb` |
 * | Druid broker/router | `--druid-url` | `GAMEPULSE_DRUID_URL` | `http://127.0.0.1:18082` |
 * | Druid datasources | — | `GAMEPULSE_DRUID_ROLLUPS`, `GAMEPULSE_DRUID_PLAYERS`, `GAMEPULSE_DRUID_PLAYER_DAYS` | `gamepulse_rollups`, `gamepulse_players`, `gamepulse_player_days` |
 */
import type { Logger, Registry } from '@gamepulse/service';
import { openDruidStore } from '@gamepulse/druid';
import { openDuckDbStore, AnalyticsError, type Store } from '@gamepulse/store';
import { createDruidDialect, dialectFor, type Dialect } from '@gamepulse/kpi';

export type StoreKind = Store['engine'];

export interface StoreConfig {
  /** @default GAMEPULSE_STORE or 'duckdb' */
  store?: string;
  /** DuckDB file. @default GAMEPULSE_STORE_PATH or '.data/gamepulse.duckdb' */
  path?: string;
  /** @default GAMEPULSE_DRUID_URL or http://127.0.0.1:18082 */
  druidUrl?: string;
  registry?: Registry;
  logger?: Logger;
}

export async function openConfiguredStore(c: StoreConfig = {}): Promise<{ store: Store; dialect: Dialect }> {
  const env = process.env;
  const kind = c.store ?? env.GAMEPULSE_STORE ?? 'duckdb';
  const common = { ...(c.registry ? { registry: c.registry } : {}), ...(c.logger ? { logger: c.logger } : {}) };
  switch (kind) {
    case 'duckdb': {
      const store = await openDuckDbStore({ path: c.path ?? env.GAMEPULSE_STORE_PATH ?? '.data/gamepulse.duckdb', ...common });
      return { store, dialect: dialectFor('duckdb') };
    }
    case 'druid': {
      const store = openDruidStore({
        ...((c.druidUrl ?? env.GAMEPULSE_DRUID_URL) ? { url: c.druidUrl ?? env.GAMEPULSE_DRUID_URL } : {}),
        ...common,
      });
      const dialect = createDruidDialect({
        ...(env.GAMEPULSE_DRUID_ROLLUPS ? { rollupsDatasource: env.GAMEPULSE_DRUID_ROLLUPS } : {}),
        ...(env.GAMEPULSE_DRUID_PLAYERS ? { playersDatasource: env.GAMEPULSE_DRUID_PLAYERS } : {}),
        ...(env.GAMEPULSE_DRUID_PLAYER_DAYS ? { playerDaysDatasource: env.GAMEPULSE_DRUID_PLAYER_DAYS } : {}),
      });
      return { store, dialect };
    }
    default:
      throw new AnalyticsError('GP_QUERY_BAD_PARAM', `store must be duckdb or druid, got "${kind}"`, {
        context: { param: 'store', value: kind },
      });
  }
}
