/**
 * Prometheus metrics of the store and the query API. A registry may be shared by
 * several stores or APIs in one process (tests, the all-in-one start script), and
 * prom-client refuses a second metric of the same name, so each is created once per
 * registry and then reused.
 */
import { Counter, Histogram, LATENCY_BUCKETS_S, type Registry } from '@gamepulse/service';

export function once<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export interface StoreMetrics {
  commitSeconds: Histogram<'engine'>;
  committedRows: Counter<'table'>;
  commitFailures: Counter<'code'>;
  erasedRows: Counter<'table'>;
  querySeconds: Histogram<'engine'>;
}

export function storeMetrics(registry: Registry): StoreMetrics {
  return {
    commitSeconds: once(registry, 'gamepulse_store_commit_seconds', () =>
      new Histogram({
        name: 'gamepulse_store_commit_seconds',
        help: 'Time to write one RollupCommit (one transaction)',
        labelNames: ['engine'],
        buckets: LATENCY_BUCKETS_S,
        registers: [registry],
      }),
    ),
    committedRows: once(registry, 'gamepulse_store_committed_rows_total', () =>
      new Counter({
        name: 'gamepulse_store_committed_rows_total',
        help: 'Rows written by successful commits, by table',
        labelNames: ['table'],
        registers: [registry],
      }),
    ),
    commitFailures: once(registry, 'gamepulse_store_commit_failures_total', () =>
      new Counter({
        name: 'gamepulse_store_commit_failures_total',
        help: 'Commits rolled back, by error code',
        labelNames: ['code'],
        registers: [registry],
      }),
    ),
    erasedRows: once(registry, 'gamepulse_store_erased_rows_total', () =>
      new Counter({
        name: 'gamepulse_store_erased_rows_total',
        help: 'Rows deleted by player deletion requests (privacy), by table',
        labelNames: ['table'],
        registers: [registry],
      }),
    ),
    querySeconds: once(registry, 'gamepulse_store_query_seconds', () =>
      new Histogram({
        name: 'gamepulse_store_query_seconds',
        help: 'Time to run one SQL query in the store',
        labelNames: ['engine'],
        buckets: LATENCY_BUCKETS_S,
        registers: [registry],
      }),
    ),
  };
}

export interface ApiMetrics {
  kpiSeconds: Histogram<'kpi'>;
  errors: Counter<'code'>;
}

export function apiMetrics(registry: Registry): ApiMetrics {
  return {
    kpiSeconds: once(registry, 'gamepulse_query_kpi_seconds', () =>
      new Histogram({
        name: 'gamepulse_query_kpi_seconds',
        help: 'Time to answer one KPI request, by KPI',
        labelNames: ['kpi'],
        buckets: LATENCY_BUCKETS_S,
        registers: [registry],
      }),
    ),
    errors: once(registry, 'gamepulse_query_errors_total', () =>
      new Counter({
        name: 'gamepulse_query_errors_total',
        help: 'Query API error responses, by error code',
        labelNames: ['code'],
        registers: [registry],
      }),
    ),
  };
}
