/**
 * The collector's Prometheus metrics. Label values come from closed sets (transport,
 * outcome, stable error codes, key ids from configuration), never from request data,
 * so a hostile client cannot blow up the series count.
 */
import { Counter, Histogram, LATENCY_BUCKETS_S, type Registry } from '@gamepulse/service';

export type Transport = 'http' | 'grpc';
/** `accepted`: acked (possibly with rejections); `refused`: client error; `failed`: our side. */
export type Outcome = 'accepted' | 'refused' | 'failed';

export interface CollectorMetrics {
  /** Requests by transport, outcome and code (`OK` for acks). */
  requests: Counter<'transport' | 'outcome' | 'code'>;
  /** Events written to the events topic. */
  eventsAccepted: Counter<'key_id'>;
  /** Events sent to the dead-letter topic, by reason code. */
  eventsRejected: Counter<'code'>;
  /** From request arrival to the acknowledgement being sent (durable append included). */
  ackLatency: Histogram<'transport'>;
  /** Events per decoded batch. */
  batchEvents: Histogram<never>;
  /** Durable append latency (both topics, in parallel). */
  logAppendLatency: Histogram<'outcome'>;
}

export function createCollectorMetrics(registry: Registry): CollectorMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'gamepulse_collector_requests_total',
      help: 'Batch requests by transport, outcome (accepted | refused | failed) and code',
      labelNames: ['transport', 'outcome', 'code'],
      registers,
    }),
    eventsAccepted: new Counter({
      name: 'gamepulse_collector_events_accepted_total',
      help: 'Events durably written to the events topic',
      labelNames: ['key_id'],
      registers,
    }),
    eventsRejected: new Counter({
      name: 'gamepulse_collector_events_rejected_total',
      help: 'Events rejected by validation and written to the dead-letter topic, by code',
      labelNames: ['code'],
      registers,
    }),
    ackLatency: new Histogram({
      name: 'gamepulse_collector_ack_latency_seconds',
      help: 'Request arrival to acknowledgement, including the durable log append',
      labelNames: ['transport'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
    batchEvents: new Histogram({
      name: 'gamepulse_collector_batch_events',
      help: 'Events per decoded batch',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    }),
    logAppendLatency: new Histogram({
      name: 'gamepulse_collector_log_append_seconds',
      help: 'Durable append of one batch (events and dead letters in parallel)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
  };
}
