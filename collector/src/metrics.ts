/**
 * The collector's Prometheus metrics. Label values come from closed sets (transport,
 * outcome, stable error codes, key ids from configuration), never from request data,
 * so a hostile client cannot blow up the series count.
 */
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_S, type Registry } from '@gamepulse/service';

export type Transport = 'http' | 'grpc' | 'ws' | 'grpc_stream';
/** `accepted`: acked (possibly with rejections); `refused`: client error; `failed`: our side. */
export type Outcome = 'accepted' | 'refused' | 'failed';

export interface CollectorMetrics {
  /** Requests (batches; on streams, each batch) by transport, outcome and code (`OK` for acks). */
  requests: Counter<'transport' | 'outcome' | 'code'>;
  /** Events written to the events topic. */
  eventsAccepted: Counter<'key_id'>;
  /** Events sent to the dead-letter topic, by reason code. */
  eventsRejected: Counter<'code'>;
  /** Accepted events whose time the event-time rule rewrote, by reason and method. */
  eventTimeCorrections: Counter<'reason' | 'method'>;
  /** From request arrival to the acknowledgement being sent (durable append included). */
  ackLatency: Histogram<'transport'>;
  /** Events per decoded batch. */
  batchEvents: Histogram<never>;
  /** Bytes per batch after decompression. */
  batchBytes: Histogram<never>;
  /** Durable append latency (both topics, in parallel). */
  logAppendLatency: Histogram<'outcome'>;
  /** Deletion requests by outcome, code and source (sdk | admin). */
  deletions: Counter<'outcome' | 'code' | 'source'>;
  /** Keys file reloads by outcome (ok | invalid). */
  keysReloads: Counter<'outcome'>;
  /** Open WebSocket connections and gRPC streams. */
  openStreams: Gauge<'transport'>;
  /**
   * Events the SDKs report they dropped (EventBatch.sdk_health), by the key's game and id
   * (key_id, as on events_accepted_total, so a rule can divide by it) and reason (a closed
   * set; others are `other`).
   */
  sdkDropped: Counter<'game_id' | 'key_id' | 'reason'>;
  /** Events still queued on the device, as each accepted batch's sdk_health reports it. */
  sdkQueued: Histogram<never>;
  /** sdk_health entries the collector did not take as sent: `unknown_reason` (counted as `other`) or `invalid_count` (left out). */
  sdkHealthProblems: Counter<'problem'>;
}

/** Live values read at scrape time. */
export interface MetricProbes {
  inFlightBatches?: () => number;
  inFlightBytes?: () => number;
  appendLatencyMs?: () => number;
}

export function createCollectorMetrics(registry: Registry, probes: MetricProbes = {}): CollectorMetrics {
  const registers = [registry];
  const probe = (name: string, help: string, read: (() => number) | undefined) => {
    if (!read) return;
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  };
  probe(
    'gamepulse_collector_inflight_batches',
    'Batches admitted and not yet answered (backpressure bound: maxInFlightBatches)',
    probes.inFlightBatches,
  );
  probe('gamepulse_collector_inflight_bytes', 'Body bytes (compressed + decompressed) held by in-flight batches', probes.inFlightBytes);
  probe(
    'gamepulse_collector_append_latency_recent_ms',
    'Recent log append latency as the load shedder sees it (ms)',
    probes.appendLatencyMs,
  );
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
    eventTimeCorrections: new Counter({
      name: 'gamepulse_collector_event_time_corrections_total',
      help: 'Accepted events whose client_ts_ms the event-time rule rewrote, by reason (future | past | skew) and method (clock_offset | sent_at | received_at)',
      labelNames: ['reason', 'method'],
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
    batchBytes: new Histogram({
      name: 'gamepulse_collector_batch_bytes',
      help: 'Bytes per batch after decompression',
      buckets: [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304],
      registers,
    }),
    logAppendLatency: new Histogram({
      name: 'gamepulse_collector_log_append_seconds',
      help: 'Durable append of one batch (events and dead letters in parallel)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
    deletions: new Counter({
      name: 'gamepulse_collector_deletion_requests_total',
      help: 'Player deletion requests by outcome, code and source (sdk | admin)',
      labelNames: ['outcome', 'code', 'source'],
      registers,
    }),
    keysReloads: new Counter({
      name: 'gamepulse_collector_keys_reloads_total',
      help: 'Keys file reloads by outcome (ok | invalid)',
      labelNames: ['outcome'],
      registers,
    }),
    openStreams: new Gauge({
      name: 'gamepulse_collector_open_streams',
      help: 'Open WebSocket connections (ws) and gRPC streams (grpc_stream)',
      labelNames: ['transport'],
      registers,
    }),
    sdkDropped: new Counter({
      name: 'gamepulse_collector_sdk_dropped_events_total',
      help: 'Events the SDKs report they dropped before sending (EventBatch.sdk_health), by game, ingest key and reason code (unknown reasons: other)',
      labelNames: ['game_id', 'key_id', 'reason'],
      registers,
    }),
    sdkQueued: new Histogram({
      name: 'gamepulse_collector_sdk_queued_events',
      help: 'Events still queued on the device when it built the batch, per accepted batch that reports it (EventBatch.sdk_health.queued)',
      buckets: [0, 10, 100, 1000, 10_000, 100_000],
      registers,
    }),
    sdkHealthProblems: new Counter({
      name: 'gamepulse_collector_sdk_health_problems_total',
      help: 'sdk_health entries not taken as sent: unknown_reason (counted as other) or invalid_count (not an integer within 0..1e8; left out)',
      labelNames: ['problem'],
      registers,
    }),
  };
}
