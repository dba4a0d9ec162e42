/**
 * What the SDK reports about a settled batch: per-event rejections inside an accepted
 * batch (partial success), a batch refused for good, and the clock offset an ack
 * implies. Kept apart from delivery.ts so the send loop reads as a loop.
 */
import type { Report } from './debug.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Ack, SendFailure } from './transport.ts';

export function reportEventRejections(report: Report, batch: FrozenBatch, ack: Ack): void {
  for (const r of ack.rejected) {
    report('warn', 'GP_SDK_EVENT_REJECTED', {
      message: `batch ${batch.sequence} event ${r.index}: ${r.code} ${r.message}`.trim(),
      field: r.field,
      batchSequence: batch.sequence,
      events: 1,
    });
  }
}

export function reportBatchRejected(report: Report, batch: FrozenBatch, failure: SendFailure): void {
  report('error', 'GP_SDK_BATCH_REJECTED', {
    message: `${failure.serverCode ?? failure.code}${failure.status !== undefined ? ` ${failure.status}` : ''}${failure.message ? ` ${failure.message}` : ''}`,
    batchSequence: batch.sequence,
    events: batch.eventCount,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
  });
}

/**
 * Server clock minus client clock: the collector stamped server_time_ms about half a
 * round trip before the answer arrived (the NTP idea, with one sample per ack).
 */
export function clockOffsetFrom(ack: Ack, arrivedAtMs: number, rttMs: number | undefined): number | undefined {
  return ack.serverTimeMs > 0 ? Math.round(ack.serverTimeMs - (arrivedAtMs - (rttMs ?? 0) / 2)) : undefined;
}
