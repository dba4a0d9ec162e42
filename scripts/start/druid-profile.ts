/**
 * `npm start -- --druid`: on top of the Kafka profile, the production analytics store —
 *
 *   Apache Druid (scripts/engines/druid: ZooKeeper, coordinator-overlord, broker,
 *     historical, indexer, and the router as the one entry point, as in production;
 *     jars from Maven Central into ~/.cache/gamepulse. Druid's web console is not
 *     among them: it ships only in the release tarball, not on Maven Central)
 *   the rollups-topic supervisors (druid/ingestion, submitted idempotently)
 *   a second query API + console answering the same KPIs from Druid
 *
 * so the DuckDB console (loader) and the Druid console can be compared side by side,
 * and Superset can be pointed at the router.
 */
import { submitSupervisors } from '../../druid/ingestion/submit.ts';
import { startDruid, stopDruid } from '../engines/druid/index.ts';
import type { StartOptions } from './args.ts';
import type { ServiceGroup } from './service-group.ts';
import type { ServiceSupervisor } from './supervisor.ts';

export interface DruidProfile {
  api: ServiceSupervisor;
  brokerUrl: string;
  /** The router: SQL, coordinator and overlord APIs behind one port. */
  routerUrl: string;
  /** What Superset's "Apache Druid" connection wants. */
  sqlalchemyUri: string;
  stop(): Promise<void>;
}

export async function startDruidProfile(
  opts: StartOptions,
  brokers: string,
  group: ServiceGroup,
  /** Extra environment of the Druid query API (the alert engine's delivery target). */
  apiEnv: Record<string, string> = {},
): Promise<DruidProfile> {
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const cluster = await startDruid({ log, router: true });
  log('[druid] submitting the rollups-topic supervisors …');
  // Short task duration: segments hand off to the historical every few minutes, as a
  // live demo wants; production keeps the spec's hour (druid/ingestion/specs.ts).
  await submitSupervisors({ overlordUrl: cluster.overlordUrl, bootstrapServers: brokers, taskDuration: 'PT5M', log });
  const api = await group.start({
    name: 'query-druid',
    entry: 'apps/src/query-api.ts',
    env: { GAMEPULSE_STORE: 'druid', GAMEPULSE_DRUID_URL: cluster.brokerUrl, GAMEPULSE_QUERY_PORT: String(opts.druidQueryPort), ...apiEnv },
    readyUrl: `http://127.0.0.1:${opts.druidQueryPort}/readyz`,
  });
  return {
    api,
    brokerUrl: cluster.brokerUrl,
    routerUrl: cluster.routerUrl!,
    sqlalchemyUri: cluster.sqlalchemyUri,
    stop: async () => {
      await stopDruid({});
    },
  };
}
