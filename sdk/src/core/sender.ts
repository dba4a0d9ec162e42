/**
 * Sends frozen batches one at a time, oldest first: with one batch in flight per
 * install, batches reach the collector in sequence order, and the processor's dedup
 * state per install stays one number. A batch is deleted from storage only after the
 * collector acknowledged it, or rejected it for good (then its events are dropped and
 * reported). Retrying lives in the transport wrapper (retry.ts).
 */
import type { FrozenBatch } from './frozen-batch.ts';
import type { Ack, SendFailure, SendResult, Transport } from './transport.ts';

export interface SenderHooks {
  /** Before the first send of a batch: resolves once it is stored. */
  stored(batch: FrozenBatch): Promise<void>;
  acked(batch: FrozenBatch, ack: Ack): void;
  rejected(batch: FrozenBatch, failure: SendFailure): void;
  /** The batch is settled either way: forget it in storage. */
  settled(batch: FrozenBatch): void;
  /** The transport threw instead of returning a result; the batch stays pending. */
  failed(batch: FrozenBatch, cause: unknown): void;
}

interface Waiter {
  sequence: number;
  resolve: () => void;
}

export class Sender {
  private readonly pending: FrozenBatch[] = [];
  private readonly waiters: Waiter[] = [];
  private inFlight: FrozenBatch | undefined;
  private running = false;
  private settledThrough = 0;
  private pendingByteCount = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly transport: Transport,
    private readonly hooks: SenderHooks,
  ) {}

  /** Queues a batch behind the ones already pending; sequences must increase. */
  enqueue(batch: FrozenBatch): void {
    if (this.pending.length === 0 && !this.inFlight) this.settledThrough = Math.max(this.settledThrough, batch.sequence - 1);
    this.pending.push(batch);
    this.pendingByteCount += batch.bytes.length;
    void this.pump();
  }

  /** Highest sequence handed to the sender, 0 if none. */
  get lastSequence(): number {
    return this.pending.at(-1)?.sequence ?? this.inFlight?.sequence ?? this.settledThrough;
  }

  /** Bytes of every batch not yet settled (they count against the queue budget). */
  get pendingBytes(): number {
    return this.pendingByteCount;
  }

  get inFlightEvents(): number {
    return this.inFlight?.eventCount ?? 0;
  }

  /** Events in batches waiting behind the one in flight. */
  get waitingEvents(): number {
    let n = 0;
    for (const b of this.pending) n += b.eventCount;
    return n;
  }

  get pendingBatches(): number {
    return this.pending.length + (this.inFlight ? 1 : 0);
  }

  /** Resolves once every batch up to `sequence` is acknowledged or dropped. */
  whenSettled(sequence: number): Promise<void> {
    if (sequence <= this.settledThrough) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ sequence, resolve }));
  }

  /** Stops sending: aborts the batch in flight, which stays stored for next time. */
  stop(): void {
    this.abort.abort();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.abort.signal.aborted) {
        const batch = this.pending.shift();
        if (!batch) break;
        this.inFlight = batch;
        await this.hooks.stored(batch);
        const result = await this.sendOnce(batch);
        if (result.ok) this.hooks.acked(batch, result.ack);
        else if (!result.retryable) this.hooks.rejected(batch, result);
        else {
          // Only an abort (or a throwing transport) ends a retryable send: keep the
          // batch at the head for the next start.
          this.pending.unshift(batch);
          break;
        }
        this.inFlight = undefined;
        this.pendingByteCount -= batch.bytes.length;
        this.settle(batch);
      }
    } finally {
      this.inFlight = undefined;
      this.running = false;
    }
  }

  /** A transport that throws (a bug in a custom one) must not become an unhandled rejection. */
  private async sendOnce(batch: FrozenBatch): Promise<SendResult> {
    try {
      return await this.transport.send(batch, this.abort.signal);
    } catch (cause) {
      this.hooks.failed(batch, cause);
      return { ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: String(cause) };
    }
  }

  private settle(batch: FrozenBatch): void {
    this.settledThrough = batch.sequence;
    this.hooks.settled(batch);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.sequence <= this.settledThrough) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
