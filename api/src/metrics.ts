/** Prometheus metrics of the query API, created once per registry (`registerOnce`). */
import { Counter, Histogram, LATENCY_BUCKETS_S, registerOnce as once, type Registry } from '@gamepulse/service';

export interface ApiMetrics {
  kpiSeconds: Histogram<'kpi'>;
  errors: Counter<'code'>;
}

export function apiMetrics(registry: Registry): ApiMetrics {
  return {
    kpiSeconds: once(
      registry,
      'gamepulse_query_kpi_seconds',
      () =>
        new Histogram({
          name: 'gamepulse_query_kpi_seconds',
          help: 'Time to answer one KPI request, by KPI',
          labelNames: ['kpi'],
          buckets: LATENCY_BUCKETS_S,
          registers: [registry],
        }),
    ),
    errors: once(
      registry,
      'gamepulse_query_errors_total',
      () =>
        new Counter({
          name: 'gamepulse_query_errors_total',
          help: 'Query API error responses, by error code',
          labelNames: ['code'],
          registers: [registry],
        }),
    ),
  };
}
