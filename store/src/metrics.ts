/**
 * Prometheus metrics of the store, created once per registry (`registerOnce`): several
 * stores may share one registry in a process.
 */
import { Counter, Histogram, LATENCY_BUCKETS_S, registerOnce as once, type Registry } from '@gamepulse/service';

export interface StoreMetrics {
  commitSeconds: Histogram<'engine'>;
  committedRows: Counter<'table'>;
  commitFailures: Counter<'code'>;
  erasedRows: Counter<'table'>;
  querySeconds: Histogram<'engine'>;
}

export function storeMetrics(registry: Registry): StoreMetrics {
  return {
    commitSeconds: once(
      registry,
      'gamepulse_store_commit_seconds',
      () =>
        new Histogram({
          name: 'gamepulse_store_commit_seconds',
          help: 'Time to write one RollupCommit (one transaction)',
          labelNames: ['engine'],
          buckets: LATENCY_BUCKETS_S,
          registers: [registry],
        }),
    ),
    committedRows: once(
      registry,
      'gamepulse_store_committed_rows_total',
      () =>
        new Counter({
          name: 'gamepulse_store_committed_rows_total',
          help: 'Rows written by successful commits, by table',
          labelNames: ['table'],
          registers: [registry],
        }),
    ),
    commitFailures: once(
      registry,
      'gamepulse_store_commit_failures_total',
      () =>
        new Counter({
          name: 'gamepulse_store_commit_failures_total',
          help: 'Commits rolled back, by error code',
          labelNames: ['code'],
          registers: [registry],
        }),
    ),
    erasedRows: once(
      registry,
      'gamepulse_store_erased_rows_total',
      () =>
        new Counter({
          name: 'gamepulse_store_erased_rows_total',
          help: 'Rows deleted by player deletion requests (privacy), by table',
          labelNames: ['table'],
          registers: [registry],
        }),
    ),
    querySeconds: once(
      registry,
      'gamepulse_store_query_seconds',
      () =>
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
