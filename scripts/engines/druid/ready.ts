/**
 * What "ready" means for the cluster, beyond each process answering its health check:
 * the overlord has a worker to run tasks on, the coordinator sees a historical to load
 * segments onto, and the broker plans and runs SQL. Only then can a test ingest and query.
 */
import { waitUntil } from '../process.ts';
import { getJson, sendJson } from './http.ts';

export interface ReadyCheck {
  what: string;
  /** Whose log explains a failure of this check. */
  logOf: 'indexer' | 'historical' | 'broker';
  probe: () => Promise<boolean>;
}

export function clusterChecks(urls: { coordinator: string; broker: string }): ReadyCheck[] {
  return [
    {
      what: 'overlord has an indexer worker',
      logOf: 'indexer',
      probe: async () => ((await getJson<unknown[]>(`${urls.coordinator}/druid/indexer/v1/workers`)) ?? []).length > 0,
    },
    {
      what: 'coordinator sees a historical',
      logOf: 'historical',
      probe: async () => {
        const servers = await getJson<{ type: string }[]>(`${urls.coordinator}/druid/coordinator/v1/servers?simple`);
        return (servers ?? []).some((s) => s.type === 'historical');
      },
    },
    {
      what: 'broker answers SQL',
      logOf: 'broker',
      probe: async () => {
        // `array` rows: an alias such as `one` can be a reserved word in Druid's SQL parser.
        const rows = await sendJson<unknown[][]>(
          `${urls.broker}/druid/v2/sql`,
          { query: 'SELECT 1', resultFormat: 'array' },
          { timeoutMs: 10_000 },
        );
        return rows[0]?.[0] === 1;
      },
    },
  ];
}

export async function waitForChecks(
  checks: ReadyCheck[],
  opts: { deadline: number; logFile: (service: ReadyCheck['logOf']) => string; log: (l: string) => void },
): Promise<void> {
  for (const check of checks) {
    await waitUntil(check.what, check.probe, {
      timeoutMs: Math.max(1_000, opts.deadline - Date.now()),
      logFile: opts.logFile(check.logOf),
      log: opts.log,
    });
  }
}
