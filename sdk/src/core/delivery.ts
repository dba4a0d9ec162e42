/**
 * Delivery: from cut events to acknowledged batches. Freezes events into a batch
 * (sequence, context, sdk_health), stores it, hands it to the one-at-a-time Sender
 * over the retrying transport, and settles it: acknowledged (count, observe, forget)
 * or rejected for good (drop, count, report, forget).
 */
import type { ContextData } from '@gamepulse/proto';
import type { Clock } from './clock.ts';
import type { Report } from './debug.ts';
import type { DropCounter, DropCounts } from './drops.ts';
import { encodeBatch, type FrozenBatch } from './frozen-batch.ts';
import type { Persistence } from './persistence.ts';
import type { RandomSource } from './random.ts';
import { withRetry, type RetryInfo, type RetryPolicy } from './retry.ts';
import { Sender } from './sender.ts';
import type { PersistedState } from './storage.ts';
import type { Ack, SendFailure, Transport } from './transport.ts';

export interface DeliveryOptions {
  /** The platform's transport (already wrapped by `wrapTransport`, if any). */
  transport: Transport;
  retry: RetryPolicy;
  clock: Clock;
  random: RandomSource;
  context: ContextData;
  persistence: Persistence;
  drops: DropCounter;
  report: Report;
  onBatchAcked: ((batchSequence: number, ack: Ack) => void) | undefined;
}

export interface DeliveryCounters {
  sentBatches: number;
  ackedEvents: number;
  rejectedEvents: number;
  retries: number;
}

export class Delivery {
  readonly counters: DeliveryCounters = { sentBatches: 0, ackedEvents: 0, rejectedEvents: 0, retries: 0 };
  private readonly sender: Sender;
  private readonly transport: Transport;
  private readonly storedWrites = new WeakMap<FrozenBatch, Promise<void>>();
  /** Drop counts each unsettled batch reports, to put back if it is rejected. */
  private readonly healthOfBatch = new Map<number, DropCounts>();
  private clockOffsetMs = 0;

  constructor(private readonly o: DeliveryOptions) {
    this.transport = withRetry(o.transport, { policy: o.retry, clock: o.clock, random: o.random, onRetry: (i) => this.onRetry(i) });
    this.sender = new Sender(this.transport, {
      stored: (batch) => this.storedWrites.get(batch) ?? Promise.resolve(),
      acked: (batch, ack) => this.onAcked(batch, ack),
      rejected: (batch, failure) => this.onRejected(batch, failure),
      settled: (batch) => void o.persistence.deleteBatch(batch.sequence),
      failed: (batch, cause) =>
        o.report('error', 'GP_SDK_NETWORK', { message: `transport threw: ${String(cause)}`, batchSequence: batch.sequence, cause }),
    });
  }

  get pendingBytes(): number {
    return this.sender.pendingBytes;
  }
  get waitingEvents(): number {
    return this.sender.waitingEvents;
  }
  get inFlightEvents(): number {
    return this.sender.inFlightEvents;
  }
  get pendingBatches(): number {
    return this.sender.pendingBatches;
  }

  /** Re-queues batches stored by an earlier run, oldest first; their bytes are sent as stored. */
  resume(batches: readonly FrozenBatch[]): void {
    for (const batch of batches) this.sender.enqueue(batch);
  }

  /**
   * Builds the next batch from `events` and queues it. `state.nextBatchSequence` is
   * advanced here; `queuedEvents` is what still waits behind it (sdk_health.queued).
   */
  freeze(events: Uint8Array[], state: PersistedState, queuedEvents: number): void {
    const sequence = state.nextBatchSequence++;
    const health = this.o.drops.takeUnreported();
    const bytes = encodeBatch(
      {
        installId: state.installId,
        batchSequence: sequence,
        sentAtMs: this.o.clock.now(),
        context: this.o.context,
        clockOffsetMs: this.clockOffsetMs,
        sdkHealth: { droppedByReason: health, queued: queuedEvents + this.sender.waitingEvents + this.sender.inFlightEvents },
      },
      events,
    );
    const batch: FrozenBatch = Object.freeze({ sequence, bytes, eventCount: events.length });
    if (Object.keys(health).length > 0) this.healthOfBatch.set(sequence, health);
    // Counters first, then the batch: after a crash a sequence may be skipped, never reused.
    void this.o.persistence.saveState();
    this.storedWrites.set(batch, this.o.persistence.putBatch(batch));
    this.sender.enqueue(batch);
  }

  /** Resolves once every batch frozen so far is settled. */
  whenAllSettled(): Promise<void> {
    return this.sender.whenSettled(this.sender.lastSequence);
  }

  /** Aborts the send in flight; unsettled batches stay stored. */
  stop(): Promise<void> {
    this.sender.stop();
    return this.transport.close?.() ?? Promise.resolve();
  }

  private onRetry({ batch, attempt, delayMs, failure }: RetryInfo): void {
    this.counters.retries++;
    this.o.report('info', 'GP_SDK_SEND_RETRY', {
      message: `batch ${batch.sequence}: ${failure.code}${failure.message ? ` (${failure.message})` : ''}; re-send ${attempt} in ${delayMs} ms`,
      batchSequence: batch.sequence,
      attempt,
      delayMs,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
    });
  }

  private onAcked(batch: FrozenBatch, ack: Ack): void {
    this.healthOfBatch.delete(batch.sequence);
    this.counters.sentBatches++;
    this.counters.ackedEvents += ack.accepted;
    this.counters.rejectedEvents += ack.rejected.length;
    for (const r of ack.rejected) {
      this.o.report('warn', 'GP_SDK_EVENT_REJECTED', {
        message: `batch ${batch.sequence} event ${r.index}: ${r.code} ${r.message}`.trim(),
        field: r.field,
        batchSequence: batch.sequence,
        events: 1,
      });
    }
    // Includes one-way latency; the collector corrects skew with its own receive time.
    if (ack.serverTimeMs > 0) this.clockOffsetMs = ack.serverTimeMs - this.o.clock.now();
    try {
      this.o.onBatchAcked?.(batch.sequence, ack);
    } catch (cause) {
      this.o.report('error', 'GP_SDK_CALLBACK_FAILED', { message: `onBatchAcked threw: ${String(cause)}`, cause });
    }
  }

  private onRejected(batch: FrozenBatch, failure: SendFailure): void {
    const health = this.healthOfBatch.get(batch.sequence);
    this.healthOfBatch.delete(batch.sequence);
    if (health) this.o.drops.restore(health);
    this.counters.rejectedEvents += batch.eventCount;
    this.o.drops.add('GP_SDK_BATCH_REJECTED', batch.eventCount);
    const status = failure.status !== undefined ? ` ${failure.status}` : '';
    this.o.report('error', 'GP_SDK_BATCH_REJECTED', {
      message: `batch ${batch.sequence} (${batch.eventCount} events) rejected: ${failure.code}${status}${failure.message ? ` ${failure.message}` : ''}`,
      batchSequence: batch.sequence,
      events: batch.eventCount,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
    });
  }
}
