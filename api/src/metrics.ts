/** Prometheus metrics of the query API, created once per registry (`registerOnce`). */
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_S, registerOnce as once, type Registry } from '@gamepulse/service';

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

/** Metrics of the live-changes stream (`GET /v1/changes`). */
export function liveChangesMetrics(registry: Registry): { clients: Gauge<string>; pushes: Counter<string> } {
  return {
    clients: once(
      registry,
      'gamepulse_query_live_clients',
      () =>
        new Gauge({ name: 'gamepulse_query_live_clients', help: 'Consoles connected to the live-changes stream', registers: [registry] }),
    ),
    pushes: once(
      registry,
      'gamepulse_query_live_pushes_total',
      () =>
        new Counter({
          name: 'gamepulse_query_live_pushes_total',
          help: 'Change events pushed to the connected consoles (each push goes to every client)',
          registers: [registry],
        }),
    ),
  };
}
