/**
 * Encoded events waiting to be batched, in track order. Bounded by bytes, not count:
 * one budget (maxQueueBytes) covers these events and the frozen batches not yet
 * acknowledged, so a long outage costs bounded memory. When the budget is used up the
 * newest event is dropped and counted (as OpenTelemetry's BatchSpanProcessor does):
 * the events already queued are older and usually carry the session's start.
 */
import type { DropCounter } from './drops.ts';
import { framedEventLength } from './frozen-batch.ts';

export interface EventQueueOptions {
  maxBytes: number;
  /** Bytes held elsewhere that count against the same budget (pending batches). */
  otherBytes: () => number;
  drops: DropCounter;
}

export class EventQueue {
  private events: Uint8Array[] = [];
  private framedBytes = 0;

  constructor(private readonly options: EventQueueOptions) {}

  get count(): number {
    return this.events.length;
  }

  /** Bytes the queued events take inside a batch (with framing). */
  get bytes(): number {
    return this.framedBytes;
  }

  /** Appends an encoded event, or drops and counts it when the budget is used up. */
  push(event: Uint8Array): boolean {
    const size = framedEventLength(event.length);
    if (this.framedBytes + this.options.otherBytes() + size > this.options.maxBytes) {
      this.options.drops.add('GP_SDK_QUEUE_FULL');
      return false;
    }
    this.events.push(event);
    this.framedBytes += size;
    return true;
  }

  /**
   * Removes events from the head: at most `maxEvents`, and as many as fit in
   * `maxBytes` (framed), but always at least one so an event that fits alone moves on.
   */
  take(maxEvents: number, maxBytes: number): Uint8Array[] {
    let n = 0;
    let bytes = 0;
    while (n < this.events.length && n < maxEvents) {
      const size = framedEventLength(this.events[n]!.length);
      if (n > 0 && bytes + size > maxBytes) break;
      bytes += size;
      n++;
    }
    const taken = this.events.splice(0, n);
    this.framedBytes -= bytes;
    return taken;
  }
}
