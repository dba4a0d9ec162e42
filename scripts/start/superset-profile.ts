/**
 * `npm start -- --druid --superset`: Apache Superset next to the Druid profile, with the
 * Druid connection, datasets, charts and "Live ops" dashboard of superset/assets imported
 * (scripts/engines/superset/). The first start installs Superset into a cached
 * virtualenv (minutes) and initialises its metadata in `<data dir>/superset`; the
 * pipeline does not wait for it: a line is printed when the dashboard is up.
 */
import { join } from 'node:path';
import { DEFAULT_SUPERSET_ADMIN, startSuperset, type SupersetHandle } from '../engines/superset/index.ts';

export interface SupersetProfile {
  /** Where Superset will answer (known before it is up). */
  url: string;
  stop(): Promise<void>;
}

/** Starts Superset in the background on `port` against Druid at `druidSqlalchemyUri`. */
export function startSupersetProfile(
  port: number,
  druidSqlalchemyUri: string,
  dataDir: string,
  say: (line: string) => void,
): SupersetProfile {
  let handle: SupersetHandle | undefined;
  let stopped = false;
  // Not awaited: a first start installs Superset for minutes while the pipeline runs.
  void startSuperset({ druidSqlalchemyUri, port, dataDir: join(dataDir, 'superset'), log: (l) => say(`superset: ${l}`) }).then(
    async (h) => {
      handle = h;
      if (stopped) await h.stop();
      else
        say(
          `superset: ready — dashboard ${h.dashboardUrl} (user "${h.admin.username}"` +
            (h.admin.password === DEFAULT_SUPERSET_ADMIN.password ? `, password "${h.admin.password}"` : '') +
            '; local use only)',
        );
    },
    (err: unknown) => say(`superset: not started: ${(err as Error).message}`),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    // An install still under way finishes (and is cached); the Superset it starts then stops at once.
    stop: async () => {
      stopped = true;
      await handle?.stop();
    },
  };
}
