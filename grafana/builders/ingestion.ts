/** "gamepulse / Ingestion": the collector — batches and events in, refusals, dead letters, ack latency, backpressure. */
import { FILTER, type DashboardSpec } from './panels.ts';

const R = '[$__rate_interval]';

export const INGESTION: DashboardSpec = {
  uid: 'gamepulse-ingestion',
  title: 'gamepulse / Ingestion',
  description:
    'The collector: batches and events accepted, refused by code, dead-lettered share, acknowledgement latency and backpressure.',
  file: 'ingestion.json',
  rows: [
    {
      title: 'Overview',
      panels: [
        {
          kind: 'stat',
          title: 'Events accepted',
          description: 'Events durably written to the events topic, per second.',
          about: 'collector',
          unit: 'eps',
          targets: [{ expr: `sum(rate(gamepulse_collector_events_accepted_total{${FILTER}}${R}))`, legend: 'events/s' }],
        },
        {
          kind: 'stat',
          title: 'Batches refused',
          description: 'Share of batch requests refused with a client error (4xx: keys, signatures, rate limits, bodies).',
          about: 'collector',
          unit: 'percentunit',
          targets: [
            {
              expr:
                `(sum(rate(gamepulse_collector_requests_total{${FILTER}, outcome="refused"}${R})) or vector(0))` +
                ` / sum(rate(gamepulse_collector_requests_total{${FILTER}}${R}))`,
              legend: 'refused',
            },
          ],
        },
        {
          kind: 'stat',
          title: 'Ack latency p99',
          description: 'Request arrival to acknowledgement (durable log append included), 99th percentile over all collectors.',
          about: 'collector',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le) (rate(gamepulse_collector_ack_latency_seconds_bucket{${FILTER}}${R})))`,
              legend: 'p99',
            },
          ],
        },
        {
          kind: 'stat',
          title: 'Batches in flight',
          description: 'Batches admitted and not yet answered, summed over collectors (bound: maxInFlightBatches each).',
          about: 'collector',
          unit: 'short',
          targets: [{ expr: `sum(gamepulse_collector_inflight_batches{${FILTER}})`, legend: 'in flight' }],
        },
      ],
    },
    {
      title: 'Traffic',
      panels: [
        {
          kind: 'timeseries',
          title: 'Batches by outcome',
          description: 'Batch requests per second: accepted (acked, possibly with rejected events), refused (4xx), failed (5xx).',
          about: 'collector',
          unit: 'reqps',
          stacked: true,
          targets: [{ expr: `sum by (outcome) (rate(gamepulse_collector_requests_total{${FILTER}}${R}))`, legend: '{{outcome}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Events accepted and dead-lettered',
          description: 'Events written to the events topic, and events rejected by validation (written to the dead-letter topic).',
          about: 'collector',
          unit: 'eps',
          targets: [
            { expr: `sum by (instance) (rate(gamepulse_collector_events_accepted_total{${FILTER}}${R}))`, legend: 'accepted {{instance}}' },
            {
              expr: `sum by (instance) (rate(gamepulse_collector_events_rejected_total{${FILTER}}${R}))`,
              legend: 'dead-lettered {{instance}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Refused and failed batches by code',
          description: 'Batch requests not accepted, by error code (collector/README.md, error table).',
          about: 'collector',
          unit: 'reqps',
          targets: [
            {
              expr: `sum by (outcome, code) (rate(gamepulse_collector_requests_total{${FILTER}, outcome!="accepted"}${R}))`,
              legend: '{{outcome}} {{code}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Dead-lettered share of events',
          description: 'Events rejected by validation over all events received (alert GamepulseCollectorRejectedEventsShareHigh at 1 %).',
          about: 'collector',
          unit: 'percentunit',
          targets: [
            {
              expr:
                `sum(rate(gamepulse_collector_events_rejected_total{${FILTER}}${R}))` +
                ` / (sum(rate(gamepulse_collector_events_rejected_total{${FILTER}}${R}))` +
                ` + sum(rate(gamepulse_collector_events_accepted_total{${FILTER}}${R})))`,
              legend: 'dead-lettered',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Dead-lettered events by code',
          description: 'Events rejected by validation, by reason code.',
          about: 'collector',
          unit: 'eps',
          targets: [{ expr: `sum by (code) (rate(gamepulse_collector_events_rejected_total{${FILTER}}${R}))`, legend: '{{code}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Events per batch',
          description: 'Mean events per decoded batch.',
          about: 'collector',
          unit: 'short',
          targets: [
            {
              expr:
                `sum(rate(gamepulse_collector_batch_events_sum{${FILTER}}${R}))` +
                ` / sum(rate(gamepulse_collector_batch_events_count{${FILTER}}${R}))`,
              legend: 'events/batch',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Events dropped in the SDK by reason',
          description:
            'Events the SDKs report they dropped before sending (EventBatch.sdk_health: queue full, consent, invalid, …); alert GamepulseSdkDroppedShareHigh. Per build: the delivery KPI.',
          about: 'collector',
          unit: 'eps',
          targets: [{ expr: `sum by (reason) (rate(gamepulse_collector_sdk_dropped_events_total{${FILTER}}${R}))`, legend: '{{reason}}' }],
        },
      ],
    },
    {
      title: 'Latency and backpressure',
      panels: [
        {
          kind: 'timeseries',
          title: 'Ack latency',
          description: 'Request arrival to acknowledgement, p50 and p99 (alerts: p99 over 0.25 s for 15 min, over 1 s for 5 min).',
          about: 'collector',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.5, sum by (le) (rate(gamepulse_collector_ack_latency_seconds_bucket{${FILTER}}${R})))`,
              legend: 'p50',
            },
            {
              expr: `histogram_quantile(0.99, sum by (le) (rate(gamepulse_collector_ack_latency_seconds_bucket{${FILTER}}${R})))`,
              legend: 'p99',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Ack latency p99 by transport',
          description: 'p99 of the acknowledgement latency per transport (http, grpc, ws, grpc_stream).',
          about: 'collector',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le, transport) (rate(gamepulse_collector_ack_latency_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{transport}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Log append latency p99',
          description: 'Durable append of one batch (events and dead letters in parallel): most of an acknowledgement.',
          about: 'collector',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le, outcome) (rate(gamepulse_collector_log_append_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{outcome}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Recent append latency (load shedder)',
          description: 'Recent log append latency as the load shedder sees it; at maxAppendLatencyMs (2 s) the collector sheds load.',
          about: 'collector',
          unit: 'ms',
          targets: [{ expr: `max by (instance) (gamepulse_collector_append_latency_recent_ms{${FILTER}})`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'In flight',
          description: 'Batches admitted and not yet answered, per collector.',
          about: 'collector',
          unit: 'short',
          targets: [{ expr: `sum by (instance) (gamepulse_collector_inflight_batches{${FILTER}})`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Bytes in flight',
          description: 'Body bytes (compressed + decompressed) held by in-flight batches, per collector.',
          about: 'collector',
          unit: 'bytes',
          targets: [{ expr: `sum by (instance) (gamepulse_collector_inflight_bytes{${FILTER}})`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Open streams',
          description: 'Open WebSocket connections and gRPC client streams.',
          about: 'collector',
          unit: 'short',
          targets: [{ expr: `sum by (transport) (gamepulse_collector_open_streams{${FILTER}})`, legend: '{{transport}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Node.js event loop lag',
          description: "The collector process's event loop lag (prom-client default metric): CPU saturation shows here first.",
          about: 'collector',
          unit: 's',
          targets: [{ expr: `max by (instance) (nodejs_eventloop_lag_seconds{${FILTER}, service="collector"})`, legend: '{{instance}}' }],
        },
      ],
    },
  ],
};
