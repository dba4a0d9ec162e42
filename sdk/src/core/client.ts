/**
 * The public client: what a game calls. It wires the pipeline together —
 *   track() → Recorder (validate, stamp, encode) → EventQueue → Batcher →
 *   Delivery (frozen batch → storage → Sender → retrying transport → ack → delete) —
 * owns the lifecycle (loading with buffered calls, ready, stopping, stopped), and
 * guarantees that nothing it does throws into the game loop.
 */
import type { Gamepulse, GamepulseStats, PlatformDeps, Tiers } from './api.ts';
import { Batcher } from './batcher.ts';
import type { GamepulseCode } from './codes.ts';
import { createReporter, type Report } from './debug.ts';
import { Delivery } from './delivery.ts';
import { DropCounter } from './drops.ts';
import type { CallTime } from './event-builder.ts';
import { reconcileInstall } from './install.ts';
import { Lifecycle } from './lifecycle.ts';
import { BATCH_HEADER_RESERVE_BYTES, resolveOptions, type GamepulseOptions, type ResolvedOptions } from './options.ts';
import { Persistence } from './persistence.ts';
import { EventQueue } from './queue.ts';
import { Recorder } from './recorder.ts';
import type { LoadedStorage, Storage } from './storage.ts';
import {
  adPayload,
  errorPayload,
  progressionPayload,
  purchasePayload,
  resourcePayload,
  type AdInput,
  type CustomFields,
  type ErrorSeverityName,
  type PurchaseInput,
  type TrackPayload,
} from './taxonomy.ts';
import { createUuidV7Generator, type UuidV7Generator } from './uuid-v7.ts';

class Client implements Gamepulse {
  readonly ready: Promise<void>;
  private readonly report: Report;
  private readonly lifecycle = new Lifecycle();
  private readonly drops = new DropCounter();
  private readonly queue: EventQueue;
  private readonly batcher: Batcher;
  private readonly delivery: Delivery;
  private readonly persistence: Persistence;
  private readonly uuid: UuidV7Generator;
  private readonly maxEventBytes: number;
  private readonly buffered: Array<() => void> = [];
  private recorder: Recorder | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly o: ResolvedOptions,
    deps: PlatformDeps,
  ) {
    this.report = createReporter(o.onDebug);
    this.uuid = createUuidV7Generator(o.random);
    this.maxEventBytes = o.maxBatchBytes - BATCH_HEADER_RESERVE_BYTES;
    this.persistence = new Persistence(deps.storage, () => this.recorder!.snapshot(), (operation, cause) =>
      this.report('error', 'GP_SDK_STORAGE_FAILED', { message: `storage.${operation} failed: ${String(cause)}`, cause }),
    );
    this.delivery = new Delivery({
      transport: o.wrapTransport ? o.wrapTransport(deps.transport) : deps.transport,
      retry: o.retry,
      clock: o.clock,
      random: o.random,
      context: o.context,
      persistence: this.persistence,
      drops: this.drops,
      report: this.report,
      onBatchAcked: o.onBatchAcked,
    });
    this.queue = new EventQueue({ maxBytes: o.maxQueueBytes, otherBytes: () => this.delivery.pendingBytes, drops: this.drops });
    this.batcher = new Batcher(
      this.queue,
      o.clock,
      { maxBatchEvents: o.maxBatchEvents, maxEventBytes: this.maxEventBytes, flushIntervalMs: o.flushIntervalMs },
      (events) => this.delivery.freeze(events, this.recorder!.state, this.queue.count),
    );
    // `ready` never rejects: nobody has to handle it, and Node must not see an unhandled rejection.
    this.ready = this.load(deps.storage).catch((cause: unknown) =>
      this.report('error', 'GP_SDK_STORAGE_FAILED', { message: `loading failed: ${String(cause)}`, cause }),
    );
  }

  get installId(): string | undefined {
    return this.recorder?.state.installId;
  }

  // ── public API ────────────────────────────────────────────────────────────────

  track(payload: TrackPayload, custom?: CustomFields): void {
    this.call((at) => this.recorder!.record(payload, custom, at));
  }

  readonly progression = {
    start: (...args: Tiers) => this.track(progressionPayload('start', ...args)),
    complete: (...args: Tiers) => this.track(progressionPayload('complete', ...args)),
    fail: (...args: Tiers) => this.track(progressionPayload('fail', ...args)),
  };

  purchase(purchase: PurchaseInput): void {
    this.call((at) => this.recorder!.record(purchasePayload(purchase), undefined, at));
  }

  readonly resource = {
    source: (currency: string, amount: number, itemType: string, itemId?: string) =>
      this.track(resourcePayload('source', currency, amount, itemType, itemId)),
    sink: (currency: string, amount: number, itemType: string, itemId?: string) =>
      this.track(resourcePayload('sink', currency, amount, itemType, itemId)),
  };

  design(eventId: string, value?: number): void {
    this.track({ design: value === undefined ? { eventId } : { eventId, value } });
  }

  error(severity: ErrorSeverityName, message: string): void {
    this.track(errorPayload(severity, message));
  }

  ad(ad: AdInput): void {
    this.call((at) => this.recorder!.record(adPayload(ad), undefined, at));
  }

  social(action: string, target?: string): void {
    this.track({ social: { action, target: target ?? '' } });
  }

  featureUsed(feature: string): void {
    this.track({ featureUse: { feature } });
  }

  readonly experiment = {
    exposure: (experiment: string, variant: string) => this.track({ experimentExposure: { experiment, variant } }),
  };

  readonly session = {
    start: () => this.call((at) => void this.recorder!.startSession(at)),
    end: () => this.call((at) => this.recorder!.endSession(at)),
  };

  identify(playerId: string): void {
    this.call(() => this.recorder!.identify(playerId));
  }

  flush(): Promise<void> {
    // After shutdown nothing is sent any more: waiting could only time out.
    if (this.lifecycle.phase === 'stopped') return Promise.resolve();
    return this.flushWithin(this.o.flushTimeoutMs).then(() => undefined);
  }

  shutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  stats(): GamepulseStats {
    return {
      queued: this.buffered.length + this.queue.count + this.delivery.waitingEvents,
      inFlight: this.delivery.inFlightEvents,
      ...this.delivery.counters,
      droppedByReason: this.drops.totals(),
      pendingBatches: this.delivery.pendingBatches,
    };
  }

  // ── recording ─────────────────────────────────────────────────────────────────

  /** Runs a call now, or buffers it with its call time while loading; never throws. */
  private call(run: (at: CallTime) => void): void {
    this.guard(() => {
      const at: CallTime = { wallMs: this.o.clock.now(), monoMs: this.o.clock.monotonicNow() };
      switch (this.lifecycle.phase) {
        case 'ready':
          return run(at);
        case 'loading':
          if (this.buffered.length >= this.o.maxBufferedBeforeReady) return this.drop('GP_SDK_QUEUE_FULL');
          this.buffered.push(() => this.guard(() => run(at)));
          return;
        default:
          return this.drop('GP_SDK_SHUTDOWN');
      }
    });
  }

  /** The one place where an unexpected exception from a game's arguments is caught. */
  private guard(run: () => void): void {
    try {
      run();
    } catch (cause) {
      this.report('error', 'GP_SDK_INVALID_CALL', { message: String(cause), cause });
    }
  }

  private drop(code: GamepulseCode): void {
    this.drops.add(code);
    this.report('warn', code);
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────

  private async load(storage: Storage): Promise<void> {
    let loaded: LoadedStorage = { state: undefined, batches: [] };
    try {
      loaded = await storage.load();
    } catch (cause) {
      this.report('error', 'GP_SDK_STORAGE_FAILED', { message: `storage.load failed: ${String(cause)}`, cause });
    }
    const { state, batches } = reconcileInstall({
      loaded,
      installId: this.o.installId,
      playerId: this.o.playerId,
      newInstallId: () => this.uuid(this.o.clock.now()),
    });
    this.recorder = new Recorder(state, {
      uuid: this.uuid,
      queue: this.queue,
      batcher: this.batcher,
      persistence: this.persistence,
      drops: this.drops,
      report: this.report,
      maxEventBytes: this.maxEventBytes,
    });
    if (!storage.persistent && this.o.installId !== undefined) this.report('warn', 'GP_SDK_STORAGE_VOLATILE');
    void this.persistence.saveState();
    this.delivery.resume(batches);
    const phase = this.lifecycle.phase;
    if (phase === 'loading') this.lifecycle.to('ready');
    for (const run of this.buffered.splice(0)) run();
    // Storage answered only after shutdown() gave up waiting: store what was buffered
    // as batches, so the next start sends it.
    if (phase !== 'loading') this.batcher.cutAll();
  }

  /** Resolves true when everything up to now settled, false after `timeoutMs`. */
  private flushWithin(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.o.clock.setTimeout(
        () => {
          const { queued, inFlight } = this.stats();
          this.report('warn', 'GP_SDK_FLUSH_TIMEOUT', { events: queued + inFlight });
          resolve(false);
        },
        timeoutMs,
        { keepAlive: true },
      );
      const settled = () => {
        this.o.clock.clearTimeout(timer);
        resolve(true);
      };
      this.ready
        .then(() => {
          this.batcher.cutAll();
          return this.delivery.whenAllSettled();
        })
        .then(settled, settled);
    });
  }

  private async stop(): Promise<void> {
    this.call((at) => {
      if (this.recorder!.sessionActive) this.recorder!.endSession(at);
    });
    if (this.lifecycle.phase === 'loading' || this.lifecycle.phase === 'ready') this.lifecycle.to('stopping');
    await this.flushWithin(this.o.flushTimeoutMs);
    this.batcher.stop();
    try {
      await this.delivery.stop();
    } catch (cause) {
      this.report('warn', 'GP_SDK_NETWORK', { message: `closing the transport failed: ${String(cause)}`, cause });
    }
    await this.persistence.idle();
    this.lifecycle.to('stopped');
  }
}

/** Builds a client from resolved options; platform entry points use this. */
export function createClient(options: ResolvedOptions, deps: PlatformDeps): Gamepulse {
  return new Client(options, deps);
}

/**
 * Creates a client with an explicit transport and storage. Games normally use
 * `createNodeGamepulse` (@gamepulse/sdk/node) or `createBrowserGamepulse`
 * (@gamepulse/sdk/browser), which pick both for the platform.
 * Throws GamepulseConfigError for missing or invalid required options.
 */
export function createGamepulse(options: GamepulseOptions, deps: PlatformDeps): Gamepulse {
  return createClient(resolveOptions(options), deps);
}
