/**
 * When queued events become a batch: as soon as a batch is full by count or by bytes,
 * and otherwise `flushIntervalMs` after the first event entered an empty queue (so an
 * idle game holds no timer, and no event waits longer than the interval).
 *
 * Full batches are cut on a microtask, not inside track(): the game's frame finishes
 * first, and a burst of track() calls is cut once.
 */
import type { Clock, TimerHandle } from './clock.ts';
import type { EventQueue } from './queue.ts';

export interface BatcherOptions {
  maxBatchEvents: number;
  /** Room for events (framed) in one batch: maxBatchBytes minus the header reserve. */
  maxEventBytes: number;
  flushIntervalMs: number;
}

export class Batcher {
  private timer: TimerHandle | undefined;
  private cutScheduled = false;
  private stopped = false;

  constructor(
    private readonly queue: EventQueue,
    private readonly clock: Clock,
    private readonly options: BatcherOptions,
    /** Receives the events of one batch, oldest first. */
    private readonly onBatch: (events: Uint8Array[]) => void,
  ) {}

  /** Call after each event entered the queue. */
  onEnqueue(): void {
    if (this.stopped) return;
    if (this.isFull()) {
      if (!this.cutScheduled) {
        this.cutScheduled = true;
        queueMicrotask(() => {
          this.cutScheduled = false;
          this.cutFull();
        });
      }
    } else if (this.timer === undefined) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.cutAll();
      }, this.options.flushIntervalMs);
    }
  }

  /** Cuts every queued event into batches now (flush, shutdown). */
  cutAll(): void {
    this.clearTimer();
    while (this.queue.count > 0) this.cut();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private isFull(): boolean {
    return this.queue.count >= this.options.maxBatchEvents || this.queue.bytes >= this.options.maxEventBytes;
  }

  private cutFull(): void {
    while (this.isFull()) this.cut();
    if (this.queue.count === 0) this.clearTimer();
    else if (this.timer === undefined && !this.stopped) this.onEnqueue();
  }

  private cut(): void {
    this.onBatch(this.queue.take(this.options.maxBatchEvents, this.options.maxEventBytes));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
