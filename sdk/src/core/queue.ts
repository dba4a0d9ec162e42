/**
 * Encoded events waiting to be batched, in track order, bounded by bytes: one budget
 * (maxQueueBytes) covers these events and the frozen batches not yet acknowledged, so
 * a long outage costs bounded memory and storage. Batches are frozen only when they
 * are about to be sent, so during an outage nearly everything waits here, where the
 * budget can still choose: when it is used up, an event may push out the newest
 * queued event of a lower lane (design and debug first, lanes.ts); otherwise the new
 * event is dropped (as OpenTelemetry's BatchSpanProcessor does: the queued ones are
 * older and usually carry the session's start). Every drop is counted by reason.
 */
import type { DropCounter } from './drops.ts';
import { framedEventLength } from './frozen-batch.ts';
import type { JournalEntry } from './storage.ts';

/** Room for the sequence and session number appended to each event when frozen. */
export const FREEZE_SUFFIX_MAX_BYTES = 1 + 8 + 1 + 5;

export type QueuedEvent = JournalEntry;

export interface EventQueueOptions {
  maxBytes: number;
  /** Bytes held elsewhere that count against the same budget (pending batches). */
  otherBytes: () => number;
  drops: DropCounter;
  /** Told about events pushed out of the queue for higher-priority ones. */
  onEvicted?: (evicted: QueuedEvent) => void;
}

/** Bytes an event takes inside a batch once frozen (upper bound). */
export function queuedSize(e: QueuedEvent): number {
  return framedEventLength(e.bytes.length + FREEZE_SUFFIX_MAX_BYTES);
}

export class EventQueue {
  #events: QueuedEvent[] = [];
  #framedBytes = 0;
  readonly #ids = new Set<string>();

  readonly #options: EventQueueOptions;

  constructor(options: EventQueueOptions) {
    this.#options = options;
  }

  get count(): number {
    return this.#events.length;
  }

  /** Bytes the queued events take inside a batch (with framing). */
  get bytes(): number {
    return this.#framedBytes;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Appends an event, making room by evicting lower lanes; false if it was dropped. */
  push(event: QueuedEvent): boolean {
    const size = queuedSize(event);
    while (this.#framedBytes + this.#options.otherBytes() + size > this.#options.maxBytes) {
      if (!this.#evictBelow(event.lane)) {
        this.#options.drops.add('GP_SDK_QUEUE_FULL');
        return false;
      }
    }
    this.#add(event);
    return true;
  }

  /** Puts events back at the head (adopted from storage), oldest first, without a budget check. */
  unshift(events: readonly QueuedEvent[]): void {
    const fresh = events.filter((e) => !this.#ids.has(e.id));
    for (const e of fresh) {
      this.#ids.add(e.id);
      this.#framedBytes += queuedSize(e);
    }
    this.#events = [...fresh, ...this.#events];
  }

  /**
   * Removes events from the head: at most `maxEvents`, and as many as fit in
   * `maxBytes` (framed), but always at least one so an event that fits alone moves on.
   */
  take(maxEvents: number, maxBytes: number): QueuedEvent[] {
    let n = 0;
    let bytes = 0;
    while (n < this.#events.length && n < maxEvents) {
      const size = queuedSize(this.#events[n]!);
      if (n > 0 && bytes + size > maxBytes) break;
      bytes += size;
      n++;
    }
    const taken = this.#events.splice(0, n);
    this.#framedBytes -= bytes;
    for (const e of taken) this.#ids.delete(e.id);
    return taken;
  }

  /** Empties the queue (consent denied, deletion requested); returns what was queued. */
  clear(): QueuedEvent[] {
    const all = this.#events;
    this.#events = [];
    this.#framedBytes = 0;
    this.#ids.clear();
    return all;
  }

  #add(event: QueuedEvent): void {
    this.#events.push(event);
    this.#ids.add(event.id);
    this.#framedBytes += queuedSize(event);
  }

  /** Drops the newest event of the lowest lane below `lane`; false if there is none. */
  #evictBelow(lane: number): boolean {
    for (let l = 0; l < lane; l++) {
      for (let i = this.#events.length - 1; i >= 0; i--) {
        const e = this.#events[i]!;
        if (e.lane !== l) continue;
        this.#events.splice(i, 1);
        this.#ids.delete(e.id);
        this.#framedBytes -= queuedSize(e);
        this.#options.drops.add('GP_SDK_QUEUE_EVICTED');
        this.#options.onEvicted?.(e);
        return true;
      }
    }
    return false;
  }
}
