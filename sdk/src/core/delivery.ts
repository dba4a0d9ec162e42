/**
 * Delivery: from queued events to acknowledged batches. While it has work it holds the
 * send lock (lock.ts); under the lock it re-reads shared storage (other tabs may have
 * moved the counters, left batches, or died with journaled events), freezes due
 * events into the next batch, and sends pending batches one at a time, oldest first,
 * over the retrying transport: acknowledged (count, observe, forget), rejected for good
 * (drop, count, report, forget), too large (split in halves that name it, stored
 * in its place before either is sent: split.ts), or aborted (stays stored). Batches are frozen only when the one before them is settled, so during an
 * outage events wait in the queue, where the byte budget can still choose by lane.
 * Its phases (whether a cycle runs, whether it holds the lock, which step is under way)
 * are the transition table in delivery-state.ts; every change of phase is checked
 * against it.
 */
import type { ContextData } from '@gamepulse/proto/sdk';
import type { Clock, TimerHandle } from './clock.ts';
import type { GamepulseCode } from './codes.ts';
import type { Report } from './debug.ts';
import type { DropCounter, DropCounts } from './drops.ts';
import { freezeBatch } from './freezer.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Journal } from './journal.ts';
import type { SendLock } from './lock.ts';
import type { Persistence } from './persistence.ts';
import type { EventQueue, QueuedEvent } from './queue.ts';
import { clockOffsetFrom, reportBatchRejected, reportEventRejections } from './outcomes.ts';
import { adoptable, readShared } from './shared-storage.ts';
import type { LoadedStorage, PersistedState } from './storage.ts';
import type { Ack, SendFailure, Transport } from './transport.ts';
import { transition, type DeliveryState } from './delivery-state.ts';

export interface DeliveryOptions {
  /** The retrying transport. */
  transport: Transport;
  clock: Clock;
  context: ContextData;
  persistence: Persistence;
  journal: Journal;
  queue: EventQueue;
  lock: SendLock;
  drops: DropCounter;
  report: Report;
  onBatchAcked: ((batchSequence: number, ack: Ack) => void) | undefined;
  maxBatchEvents: number;
  /** Room for events (framed) in one batch. */
  maxEventBytes: number;
  flushIntervalMs: number;
}

export interface DeliveryCounters {
  sentBatches: number;
  ackedEvents: number;
  rejectedEvents: number;
  retries: number;
}

export class Delivery {
  readonly counters: DeliveryCounters = { sentBatches: 0, ackedEvents: 0, rejectedEvents: 0, retries: 0 };
  clockOffsetMs = 0;
  #pending: FrozenBatch[] = [];
  #pendingByteCount = 0;
  readonly #storedWrites = new WeakMap<FrozenBatch, Promise<void>>();
  /**
   * Halves split off in this process whose attempts were all refused: the collector
   * holds none of them. Any other batch may be stored (an attempt failed without a
   * definite answer, or it was loaded, its attempts unknown).
   */
  readonly #neverStored = new WeakSet<FrozenBatch>();
  readonly #healthOfBatch = new Map<number, DropCounts>();
  readonly #waiters: Array<() => void> = [];
  #cutWaiters: Array<() => void> = [];
  /** Lock, cycle and step (delivery-state.ts); changed only through #transition. */
  #phase: DeliveryState = 'idle';
  #state: PersistedState | undefined;
  /** Releases the send lock: set while this instance holds it. */
  #release: (() => void) | undefined;
  #adopting: Promise<void> | undefined;
  /** Kicked during a cycle: run another when it ends. */
  #again = false;
  #refreshNeeded = true;
  #intervalDue = false;
  /** undefined while no timer is pending (TimerHandle is `unknown`, which includes it). */
  #timer: TimerHandle;
  #abort = new AbortController();
  /** False while sending is not allowed (opt-in consent pending). */
  allowed = true;

  readonly #o: DeliveryOptions;

  constructor(o: DeliveryOptions) {
    this.#o = o;
    o.lock.onOwnerGone?.(() => {
      this.#refreshNeeded = true;
      this.kick();
    });
  }

  get pendingBytes(): number {
    return this.#pendingByteCount;
  }
  get pendingBatches(): number {
    return this.#pending.length;
  }
  get pendingEvents(): number {
    let n = 0;
    for (const b of this.#pending) n += b.eventCount;
    return n;
  }

  /** Takes over what storage held at start (counters, pending batches, journal). */
  start(state: PersistedState, loaded: LoadedStorage, shared: boolean): void {
    this.#state = state;
    const batches = [...loaded.batches].sort((a, b) => a.sequence - b.sequence);
    for (const b of batches) this.#addPending(b);
    // A shared storage's journal belongs to other live tabs until they die: adopted under the lock.
    this.#refreshNeeded = shared;
    // A single-process storage's journal is all ours: events a crash left behind.
    const orphans = !shared && loaded.journal?.length;
    if (orphans || batches.length > 1)
      this.#adopting = this.#dropUnsentPieces().then(() =>
        orphans ? adoptable(loaded.journal!, batches, this.#o.persistence).then((events) => this.#takeOrphans(events)) : undefined,
      );
    this.kick();
  }

  /** The retry layer re-sends `batch`: an attempt failed, and may have been stored. */
  retried(batch: FrozenBatch): void {
    this.counters.retries++;
    this.#neverStored.delete(batch);
  }

  /** Call after each event entered the queue. */
  onEnqueue(): void {
    if (!this.#release && this.#phase !== 'acquiring' && this.allowed) this.kick();
    if (this.#timer === undefined && !this.#stopped()) {
      this.#timer = this.#o.clock.setTimeout(() => {
        this.#timer = undefined;
        this.#intervalDue = true;
        this.kick();
      }, this.#o.flushIntervalMs);
    }
    if (this.#isFull()) this.kick();
  }

  /** Freezes everything queued now and resolves once all of it is settled. */
  flushAll(): Promise<void> {
    const cut = new Promise<void>((resolve) => this.#cutWaiters.push(resolve));
    this.kick();
    return cut.then(() => this.whenSettled());
  }

  /** Starts a send cycle if there is work (also after a network or consent change). */
  kick(): void {
    const p = this.#phase;
    if (p === 'idle' || p === 'parked' || p === 'stopped') void this.#run();
    else this.#again = true;
  }

  /**
   * Page hide: if this tab holds the send lock, freezes everything queued into batches
   * of at most `maxBatchBytes` and returns every pending batch (for keepalive sends);
   * otherwise (or when it lost the lock unreleased) only makes sure the journal is
   * written, for the next holder to adopt.
   */
  freezeForExit(maxBatchBytes: number): FrozenBatch[] {
    void this.#o.journal.flushNow();
    if (!this.#release || !this.allowed || !this.#state || this.#o.lock.held?.() === false) return [];
    while (this.#o.queue.count > 0) this.#freeze(Math.min(maxBatchBytes, this.#o.maxEventBytes));
    return [...this.#pending];
  }

  /** Consent denied or deletion requested: forgets pending batches and aborts the send. */
  discard(): number {
    const n = this.pendingEvents;
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#pending = [];
    this.#pendingByteCount = 0;
    this.#healthOfBatch.clear();
    for (const w of this.#waiters.splice(0)) w();
    return n;
  }

  /** Aborts the send in flight and releases the lock; unsettled batches stay stored. */
  async stop(): Promise<void> {
    // Without a cycle running it is over now; a running cycle ends after its current step.
    if (!this.#stopped()) this.#transition(this.#phase === 'idle' || this.#phase === 'parked' ? 'stopped' : 'stopping');
    this.#abort.abort();
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
    for (const w of this.#cutWaiters.splice(0)) w();
    for (const w of this.#waiters.splice(0)) w();
    this.#release?.();
    this.#release = undefined;
    await this.#o.transport.close?.();
  }

  /** Resolves once no batch is pending (every one frozen so far is settled). */
  whenSettled(): Promise<void> {
    if (this.#pending.length === 0 || this.#stopped()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  // ── the send cycle ────────────────────────────────────────────────────────────

  /** Every change of phase: throws unless delivery-state.ts's table allows it. */
  #transition(to: DeliveryState): void {
    this.#phase = transition(this.#phase, to);
  }

  #stopped(): boolean {
    const p = this.#phase;
    return p === 'stopping' || p === 'stopped';
  }

  /** A step of the cycle; after stop() the cycle only finishes the step it is in. */
  #step(to: DeliveryState): void {
    if (!this.#stopped()) this.#transition(to);
  }

  #isFull(): boolean {
    const q = this.#o.queue;
    return q.count >= this.#o.maxBatchEvents || q.bytes >= this.#o.maxEventBytes;
  }

  #hasWork(): boolean {
    return this.#pending.length > 0 || (this.#o.queue.count > 0 && (this.#intervalDue || this.#isFull())) || this.#cutWaiters.length > 0;
  }

  /**
   * Runs cycles while kicks ask for more. After stop() a kick still runs one, which
   * only lets a flush return while consent is pending; it takes no transition.
   */
  async #run(): Promise<void> {
    const live = this.#phase !== 'stopped';
    if (live) this.#transition(this.#phase === 'parked' ? 'holding' : 'checking');
    try {
      do {
        this.#again = false;
        await this.#cycle();
      } while (this.#again && !this.#stopped());
    } catch (cause) {
      this.#o.report('error', 'GP_SDK_NETWORK', { message: `delivery failed: ${String(cause)}`, cause });
    } finally {
      if (live) this.#transition(this.#phase === 'stopping' ? 'stopped' : this.#release ? 'parked' : 'idle');
    }
  }

  async #cycle(): Promise<void> {
    if (this.#adopting) await this.#adopting;
    // Nothing may be sent (consent pending): a flush has nothing to wait for.
    if (!this.allowed) for (const w of this.#cutWaiters.splice(0)) w();
    if (this.#stopped() || !this.allowed || !this.#state) return;
    // The lock is taken as soon as anything waits (not only when a batch is due), so a
    // page that is closing can still number and send what it has queued.
    if (!this.#release && (this.#o.queue.count > 0 || this.#hasWork())) {
      await this.#acquire();
      if (!this.#release || this.#stopped()) return;
    }
    if (this.#release && this.#refreshNeeded) await this.#refresh();
    while (this.#release && !this.#stopped() && this.allowed && this.#hasWork()) {
      // Only the holder numbers batches: one that lost its lease yields, and takes the counters anew when it holds it again.
      if (this.#o.lock.held?.() === false) {
        this.#yieldLock();
        break;
      }
      if (this.#pending.length === 0 || this.#cutWaiters.length > 0) this.#freezeDue();
      const batch = this.#pending[0];
      if (!batch) break;
      this.#step('sending');
      await this.#storedWrites.get(batch);
      const result = await this.#o.transport.send(batch, this.#abort.signal);
      this.#step('holding');
      if (this.#pending[0] !== batch) continue; // discarded meanwhile
      if (result.ok) this.#acked(batch, result.ack, result.rttMs);
      else if (result.tooLarge) await this.#split(batch, result);
      else if (!result.retryable) this.#rejected(batch, result);
      else {
        // Aborted, or the transport stack could not be loaded (a deferred chunk that
        // failed: lazy-transport.ts); the batch stays at the head, stored, for the next
        // cycle or the next page.
        if (result.code !== 'GP_SDK_ABORTED')
          this.#o.report('error', result.code as GamepulseCode, { message: result.message ?? '', batchSequence: batch.sequence });
        break;
      }
      // Another tab waits for the lock: let it send its batches before ours continue.
      if (this.#pending.length === 0 && !this.#isFull() && (await this.#o.lock.contended())) this.#yieldLock();
    }
    // Keep the lock while anything waits, so a page hide can still number and send it.
    if (this.#release && this.#pending.length === 0 && this.#o.queue.count === 0) this.#yieldLock();
  }

  async #acquire(): Promise<void> {
    this.#step('acquiring');
    try {
      this.#release = await this.#o.lock.acquire(this.#abort.signal);
      this.#refreshNeeded = true;
    } catch {
      // aborted (stop or discard)
    }
    this.#step(this.#release ? 'holding' : 'checking');
  }

  #yieldLock(): void {
    this.#release?.();
    this.#release = undefined;
    this.#step('checking');
    if (this.#hasWork()) this.#again = true;
  }

  /** Under the lock, with shared storage: take the counters, batches and orphans other tabs left. */
  async #refresh(): Promise<void> {
    this.#refreshNeeded = false;
    if (!this.#o.persistence.storage.shared || !this.#o.persistence.enabled) return;
    const known = new Set(this.#pending.map((b) => b.sequence));
    this.#step('refreshing');
    const view = await readShared(this.#o.persistence, this.#o.journal, this.#o.lock, this.#state!, known, this.#o.report);
    this.#step('holding');
    if (!view) return;
    for (const b of view.batches) this.#addPending(b);
    this.#pending.sort((x, y) => x.sequence - y.sequence);
    if (view.batches.length > 0) await this.#dropUnsentPieces();
    this.#state!.nextBatchSequence = Math.max(this.#state!.nextBatchSequence, (this.#pending.at(-1)?.sequence ?? 0) + 1);
    this.#takeOrphans(view.orphans);
  }

  /** Adopted events join the queue at its head (they are older), and are due now. */
  #takeOrphans(events: readonly QueuedEvent[]): void {
    this.#o.queue.unshift(events);
    if (events.length > 0) this.#intervalDue = true;
  }

  #freezeDue(): void {
    const cutAll = this.#cutWaiters.length > 0;
    if (cutAll) while (this.#o.queue.count > 0) this.#freeze(this.#o.maxEventBytes);
    else if (this.#o.queue.count > 0 && (this.#intervalDue || this.#isFull())) this.#freeze(this.#o.maxEventBytes);
    if (this.#o.queue.count === 0) {
      this.#intervalDue = false;
      if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    for (const w of this.#cutWaiters.splice(0)) w();
  }

  #freeze(maxEventBytes: number): void {
    const events = this.#o.queue.take(this.#o.maxBatchEvents, maxEventBytes);
    if (events.length === 0) return;
    const health = this.#o.drops.takeUnreported();
    const batch = freezeBatch(this.#state!, events, {
      sentAtMs: this.#o.clock.now(),
      context: this.#o.context,
      clockOffsetMs: this.clockOffsetMs,
      droppedByReason: health,
      queued: this.#o.queue.count + this.pendingEvents,
    });
    if (Object.keys(health).length > 0) this.#healthOfBatch.set(batch.sequence, health);
    const ids = events.map((e) => e.id);
    this.#o.journal.forget(new Set(ids));
    // Counters first, then the batch: after a crash a sequence may be skipped, never reused.
    void this.#o.persistence.saveState();
    this.#storedWrites.set(batch, this.#o.persistence.putBatch(batch, ids));
    this.#addPending(batch);
  }

  #addPending(batch: FrozenBatch): void {
    this.#pending.push(batch);
    this.#pendingByteCount += batch.bytes.length;
  }

  #settle(batch: FrozenBatch, replacements: FrozenBatch[] = []): void {
    const i = this.#pending.indexOf(batch);
    if (i >= 0) this.#pending.splice(i, 1, ...replacements);
    this.#pendingByteCount -= batch.bytes.length;
    for (const r of replacements) this.#pendingByteCount += r.bytes.length;
    void this.#o.persistence.deleteBatch(batch.sequence);
    if (this.#pending.length === 0) for (const w of this.#waiters.splice(0)) w();
  }

  /** Pieces of a split that a crash left stored next to their parent, never sent (split.ts). */
  async #dropUnsentPieces(): Promise<void> {
    if (this.#pending.length > 1) for (const b of (await import('./split.ts')).unsentPieces(this.#pending)) this.#settle(b);
  }

  /**
   * 413: halves with new sequences, naming the batch, take its place; one event alone
   * is dropped (split.ts, loaded on first use). Neither half is sent before both are
   * stored and the batch is deleted (split.ts states why).
   */
  async #split(batch: FrozenBatch, failure: SendFailure): Promise<void> {
    if (batch.eventCount <= 1) {
      this.#o.drops.add('GP_SDK_EVENT_TOO_LARGE', batch.eventCount);
      this.#o.report('error', 'GP_SDK_EVENT_TOO_LARGE', {
        message: failure.serverCode ?? failure.code,
        batchSequence: batch.sequence,
        events: 1,
      });
      this.#healthOfBatch.delete(batch.sequence);
      return this.#settle(batch);
    }
    this.#step('splitting');
    const halves = (await import('./split.ts')).halve(
      batch,
      () => this.#state!.nextBatchSequence++,
      this.#healthOfBatch,
      this.#o.report,
      !this.#neverStored.has(batch),
      this.#o.persistence,
    );
    this.#step('holding');
    for (const h of halves) this.#neverStored.add(h);
    this.#settle(batch, halves);
    // Writes run in order: once the batch's delete is done, both halves are stored.
    const replaced = this.#o.persistence.idle();
    for (const h of halves) this.#storedWrites.set(h, replaced);
  }

  #acked(batch: FrozenBatch, ack: Ack, rttMs: number | undefined): void {
    this.#healthOfBatch.delete(batch.sequence);
    this.counters.sentBatches++;
    this.counters.ackedEvents += ack.accepted;
    this.counters.rejectedEvents += ack.rejected.length;
    reportEventRejections(this.#o.report, batch, ack);
    this.clockOffsetMs = clockOffsetFrom(ack, this.#o.clock.now(), rttMs) ?? this.clockOffsetMs;
    this.#settle(batch);
    try {
      this.#o.onBatchAcked?.(batch.sequence, ack);
    } catch (cause) {
      this.#o.report('error', 'GP_SDK_CALLBACK_FAILED', { message: `onBatchAcked threw: ${String(cause)}`, cause });
    }
  }

  #rejected(batch: FrozenBatch, failure: SendFailure): void {
    const health = this.#healthOfBatch.get(batch.sequence);
    this.#healthOfBatch.delete(batch.sequence);
    if (health) this.#o.drops.restore(health);
    this.counters.rejectedEvents += batch.eventCount;
    this.#o.drops.add('GP_SDK_BATCH_REJECTED', batch.eventCount);
    reportBatchRejected(this.#o.report, batch, failure);
    this.#settle(batch);
  }
}
