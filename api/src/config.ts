/**
 * The query-API process's configuration (`apps/src/query-api.ts`): one spec for
 * `loadConfig`, whose table is in the README. Flags (`--store`, `--path`, `--druid-url`,
 * `--host`, `--port`) override the file and the environment.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions } from '@gamepulse/service';

export const QUERY_API_CONFIG = {
  store: {
    kind: 'string',
    default: 'duckdb',
    env: 'GAMEPULSE_STORE',
    oneOf: ['duckdb', 'druid'],
    doc: 'Engine the KPIs run on (`--store`). `duckdb`: a file no process is writing (with the embedded default the processor serves the API itself).',
  },
  storePath: {
    kind: 'string',
    default: '.data/gamepulse.duckdb',
    env: 'GAMEPULSE_STORE_PATH',
    doc: 'DuckDB file (`--path`).',
  },
  druidUrl: {
    kind: 'string',
    default: 'http://127.0.0.1:18082',
    env: 'GAMEPULSE_DRUID_URL',
    doc: 'Druid broker or router (`--druid-url`). Datasources: `GAMEPULSE_DRUID_ROLLUPS`, `GAMEPULSE_DRUID_PLAYERS`, `GAMEPULSE_DRUID_PLAYER_DAYS`.',
  },
  host: {
    kind: 'string',
    default: '127.0.0.1',
    env: 'GAMEPULSE_QUERY_HOST',
    doc: 'Address of the HTTP listener (`--host`): query API, console, /healthz, /readyz, /metrics.',
  },
  port: {
    kind: 'int',
    default: 8090,
    env: 'GAMEPULSE_QUERY_PORT',
    min: 0,
    max: 65535,
    doc: 'HTTP port (`--port`). `0` picks a free port (logged at start).',
  },
} as const satisfies ConfigSpec;

export type QueryApiConfig = ConfigOf<typeof QUERY_API_CONFIG>;

const FLAGS = { store: 'store', path: 'storePath', 'druid-url': 'druidUrl', host: 'host', port: 'port' } as const;

/** defaults ← file ← environment ← flags in `argv`; an unknown flag is a configuration problem. */
export function loadQueryApiConfig(options: LoadConfigOptions & { argv?: readonly string[] } = {}): QueryApiConfig {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...(options.argv ?? [])],
      options: { config: { type: 'string' }, ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])) },
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  const overrides: Record<string, unknown> = { ...options.overrides };
  for (const [flag, key] of Object.entries(FLAGS)) if (values[flag] !== undefined) overrides[key] = values[flag];
  return loadConfig(QUERY_API_CONFIG, { ...options, overrides });
}
