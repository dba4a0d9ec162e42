/**
 * The public client: what a game calls. It wires the pipeline together —
 *   track() → Recorder (validate, stamp, sample, encode) → EventQueue + Journal →
 *   Delivery (send lock → freeze → store → retrying transport → ack → delete) —
 * owns the lifecycle (loading with buffered calls, ready, stopping, stopped) and the
 * consent state, and guarantees that nothing it does throws into the game loop.
 */
import type { ConsentState, Gamepulse, GamepulseStats, PlatformDeps, Tiers } from './api.ts';
import type { GamepulseCode } from './codes.ts';
import type { Connectivity } from './connectivity.ts';
import { createReporter, type Report } from './debug.ts';
import type { Delivery } from './delivery.ts';
import type { Journal } from './journal.ts';
import type { Persistence } from './persistence.ts';
import { createPipeline } from './pipeline.ts';
import type { EventQueue } from './queue.ts';
import { DropCounter } from './drops.ts';
import type { CallTime } from './event-builder.ts';
import { assignVariant, type Variants } from './hash.ts';
import type { DeletionResult } from './http/deletion.ts';
import { reconcileInstall } from './install.ts';
import { Lifecycle } from './lifecycle.ts';
import { createLocalLock, type SendLock } from './lock.ts';
import { BATCH_HEADER_RESERVE_BYTES, type ResolvedOptions } from './options.ts';
import { Recorder } from './recorder.ts';
import type { CreateSendStack, SendStack } from './send-stack.ts';
import type { LoadedStorage, Storage } from './storage.ts';
import {
  adPayload,
  errorPayload,
  progressionPayload,
  purchasePayload,
  refundPayload,
  resourcePayload,
  type AdInput,
  type CustomFields,
  type ErrorSeverityName,
  type PurchaseInput,
  type RefundInput,
  type TrackPayload,
} from './taxonomy.ts';
import { createUuidV7Generator, type UuidV7Generator } from './uuid-v7.ts';

class Client implements Gamepulse {
  readonly ready: Promise<void>;
  /** For platform code (page lifecycle): the delivery and the lock holder's view. */
  readonly delivery: Delivery;
  readonly #report: Report;
  readonly #lifecycle = new Lifecycle();
  readonly #drops = new DropCounter();
  readonly #queue: EventQueue;
  readonly #journal: Journal;
  readonly #persistence: Persistence;
  readonly #stack: SendStack;
  readonly #lock: SendLock;
  readonly #connectivity: Connectivity;
  readonly #uuid: UuidV7Generator;
  readonly #maxEventBytes: number;
  readonly #buffered: Array<() => void> = [];
  #recorder: Recorder | undefined;
  #stopping: Promise<void> | undefined;
  #consentState: ConsentState;
  #unsubscribe: () => void = () => {};

  readonly #o: ResolvedOptions;
  readonly #deps: PlatformDeps;

  constructor(o: ResolvedOptions, deps: PlatformDeps & { sendStack: CreateSendStack }) {
    this.#o = o;
    this.#deps = deps;
    this.#report = createReporter(o.onDebug);
    this.#uuid = createUuidV7Generator(o.random);
    this.#maxEventBytes = o.maxBatchBytes - BATCH_HEADER_RESERVE_BYTES;
    this.#consentState = o.consent === 'opt-in' ? 'pending' : 'granted';
    this.#lock = deps.lock ?? createLocalLock(this.#uuid(o.clock.now()));
    const p = createPipeline({
      o,
      deps,
      lock: this.#lock,
      report: this.#report,
      drops: this.#drops,
      state: () => this.#recorder?.state,
      maxEventBytes: this.#maxEventBytes,
    });
    this.#persistence = p.persistence;
    this.#journal = p.journal;
    this.#queue = p.queue;
    this.#stack = p.stack;
    this.#connectivity = p.connectivity;
    this.delivery = p.delivery;
    this.#persistence.enabled = this.#consentState === 'granted';
    this.delivery.allowed = this.#consentState === 'granted';
    this.#unsubscribe = this.#connectivity.subscribe((online) => {
      if (online) this.delivery.kick();
    });
    // `ready` never rejects: nobody has to handle it, and Node must not see an unhandled rejection.
    this.ready = this.#load(deps.storage).catch((cause: unknown) =>
      this.#report('error', 'GP_SDK_STORAGE_FAILED', { message: `loading failed: ${String(cause)}`, cause }),
    );
  }

  get installId(): string | undefined {
    return this.#recorder?.state.installId;
  }

  // ── public API ────────────────────────────────────────────────────────────────

  track(payload: TrackPayload, custom?: CustomFields): void {
    this.#call((at, r) => r.record(payload, custom, at));
  }

  readonly progression = {
    start: (...args: Tiers) => this.track(progressionPayload('start', ...args)),
    complete: (...args: Tiers) => this.track(progressionPayload('complete', ...args)),
    fail: (...args: Tiers) => this.track(progressionPayload('fail', ...args)),
  };

  purchase(purchase: PurchaseInput): void {
    this.#call((at, r) => r.record(purchasePayload(purchase), undefined, at));
  }

  refund(refund: RefundInput): void {
    this.#call((at, r) => r.record(refundPayload(refund), undefined, at));
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
    this.#call((at, r) => r.record(adPayload(ad), undefined, at));
  }

  social(action: string, target?: string): void {
    this.track({ social: { action, target: target ?? '' } });
  }

  featureUsed(feature: string): void {
    this.track({ featureUse: { feature } });
  }

  readonly experiment = {
    exposure: (experiment: string, variant: string) => this.track({ experimentExposure: { experiment, variant } }),
    variant: (experiment: string, variants: Variants): string | undefined => {
      let chosen: string | undefined;
      this.#guard(() => {
        const r = this.#recorder;
        const player = r?.playerId ?? this.#o.playerId ?? this.#o.installId;
        if (player === undefined)
          this.#report('warn', 'GP_SDK_NOT_READY', {
            message: `experiment.variant(${experiment}) before ready: the control (first) variant`,
          });
        chosen = player === undefined ? firstVariant(variants) : assignVariant(experiment, player, variants);
        if (chosen === undefined || player === undefined) return;
        const variant = chosen;
        this.#call((at, rec) => {
          const key = `${experiment}\u0000${variant}`;
          if (rec.sessions.active?.exposed.has(key)) return;
          rec.record({ experimentExposure: { experiment, variant } }, undefined, at);
          rec.sessions.active?.exposed.add(key);
        });
      });
      return chosen;
    },
  };

  readonly session = {
    start: () => this.#call((at, r) => void r.startSession(at)),
    end: () => this.#call((at, r) => r.endSession(at)),
  };

  identify(playerId: string): void {
    this.#call((_at, r) => r.identify(playerId));
  }

  pause(): void {
    this.#call((at, r) => {
      r.pause(at);
      void this.delivery.flushAll();
    });
  }

  resume(): void {
    this.#call((at, r) => r.resume(at));
  }

  setConsent(granted: boolean): void {
    this.#guard(() => {
      void this.#persistence.saveConsent(granted ? 'granted' : 'denied');
      if (granted) return this.#grant();
      this.#deny();
    });
  }

  async requestDeletion(): Promise<DeletionResult> {
    await this.ready;
    const r = this.#recorder!;
    // Events not yet sent would re-create what the collector is asked to delete.
    this.#discardUnsent('GP_SDK_DELETION_REQUESTED');
    // Loaded on first use: most sessions never ask, and the browser bundle stays smaller.
    let result: DeletionResult;
    try {
      result = await (await import('./http/deletion.ts')).deletePlayer(this.#o, r.playerId, r.state.installId, this.#deps.fetch);
    } catch (cause) {
      // The code could not be loaded (offline?): nothing reached the collector, and this never rejects.
      result = { ok: false, code: 'GP_SDK_NETWORK', message: String(cause), retryable: true };
    }
    if (!result.ok) this.#report('error', 'GP_SDK_DELETION_FAILED', { message: `${result.code}: ${result.message}` });
    return result;
  }

  flush(): Promise<void> {
    // After shutdown nothing is sent any more: waiting could only time out.
    if (this.#lifecycle.phase === 'stopped') return Promise.resolve();
    return this.#flushWithin(this.#o.flushTimeoutMs).then(() => undefined);
  }

  shutdown(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  stats(): GamepulseStats {
    return {
      queued: this.#buffered.length + this.#queue.count,
      inFlight: this.delivery.pendingEvents,
      ...this.delivery.counters,
      droppedByReason: this.#drops.totals(),
      pendingBatches: this.delivery.pendingBatches,
      sampledOut: this.#recorder?.sampledOut ?? 0,
      circuit: this.#stack.circuit,
      transport: this.#stack.transportName,
      consent: this.#consentState,
      clockOffsetMs: this.delivery.clockOffsetMs,
    };
  }

  // ── recording ─────────────────────────────────────────────────────────────────

  /** Runs a call now, or buffers it with its call time while loading; never throws. */
  #call(run: (at: CallTime, recorder: Recorder) => void): void {
    this.#guard(() => {
      if (this.#consentState === 'denied') return this.#drops.add('GP_SDK_CONSENT_DENIED');
      const at: CallTime = { wallMs: this.#o.clock.now(), monoMs: this.#o.clock.monotonicNow() };
      switch (this.#lifecycle.phase) {
        case 'ready':
          return run(at, this.#recorder!);
        case 'loading':
          if (this.#buffered.length >= this.#o.maxBufferedBeforeReady) return this.#drop('GP_SDK_QUEUE_FULL');
          this.#buffered.push(() => this.#guard(() => run(at, this.#recorder!)));
          return;
        default:
          return this.#drop('GP_SDK_SHUTDOWN');
      }
    });
  }

  /** The one place where an unexpected exception from a game's arguments is caught. */
  #guard(run: () => void): void {
    try {
      run();
    } catch (cause) {
      this.#report('error', 'GP_SDK_INVALID_CALL', { message: String(cause), cause });
    }
  }

  #drop(code: GamepulseCode): void {
    this.#drops.add(code);
    this.#report('warn', code);
  }

  // ── consent ───────────────────────────────────────────────────────────────────

  #grant(): void {
    if (this.#consentState === 'granted') return;
    this.#consentState = 'granted';
    this.#persistence.enabled = true;
    if (this.#recorder) {
      void this.#persistence.saveState();
      for (const e of this.#queue.clear()) {
        this.#queue.push(e);
        this.#journal.append(e);
      }
    }
    this.delivery.allowed = true;
    this.delivery.kick();
  }

  #deny(): void {
    this.#consentState = 'denied';
    this.#buffered.length = 0;
    this.#discardUnsent('GP_SDK_CONSENT_DENIED');
    this.delivery.allowed = false;
    void this.#persistence.wipe();
    this.#persistence.enabled = false;
    this.#report('warn', 'GP_SDK_CONSENT_DENIED');
  }

  #discardUnsent(reason: string): void {
    const queued = this.#queue.clear();
    this.#journal.clear();
    const inBatches = this.delivery.discard();
    const n = queued.length + inBatches;
    if (n > 0) this.#drops.add(reason, n);
    if (this.#persistence.enabled && reason !== 'GP_SDK_CONSENT_DENIED') void this.#persistence.wipeEvents(queued.map((e) => e.id));
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────

  async #load(storage: Storage): Promise<void> {
    let loaded: LoadedStorage = { state: undefined, batches: [] };
    try {
      loaded = await storage.load();
    } catch (cause) {
      this.#report('error', 'GP_SDK_STORAGE_FAILED', { message: `storage.load failed: ${String(cause)}`, cause });
    }
    if (loaded.consent && this.#consentState !== 'denied') {
      this.#consentState = loaded.consent;
      this.#persistence.enabled = this.delivery.allowed = loaded.consent === 'granted';
    }
    const { state } = reconcileInstall({
      loaded,
      installId: this.#o.installId,
      playerId: this.#o.playerId,
      newInstallId: () => this.#uuid(this.#o.clock.now()),
      random: this.#o.random,
    });
    this.#recorder = new Recorder(state, {
      uuid: this.#uuid,
      queue: this.#queue,
      journal: this.#journal,
      delivery: this.delivery,
      persistence: this.#persistence,
      drops: this.#drops,
      report: this.#report,
      maxEventBytes: this.#maxEventBytes,
      owner: this.#lock.owner,
      sampleRate: this.#o.sampleRate,
      sessionTimeoutMs: this.#o.sessionTimeoutMs,
    });
    if (!storage.persistent && this.#o.installId !== undefined) this.#report('warn', 'GP_SDK_STORAGE_VOLATILE');
    const phase = this.#lifecycle.phase;
    if (this.#consentState !== 'denied') {
      const live = await this.#lock.liveOwners().catch(() => new Set<string>());
      this.#recorder.resumeStored({ wallMs: this.#o.clock.now(), monoMs: this.#o.clock.monotonicNow() }, live);
      void this.#persistence.saveState();
      this.delivery.start(
        state,
        this.#consentState === 'granted' ? loaded : { ...loaded, batches: [], journal: [] },
        storage.shared === true,
      );
    }
    if (this.#lifecycle.phase === 'loading') this.#lifecycle.to('ready');
    for (const run of this.#buffered.splice(0)) run();
    // Storage answered only after shutdown() gave up waiting: store what was buffered
    // as batches, so the next start sends it.
    if (phase !== 'loading') void this.delivery.flushAll();
  }

  /** Resolves true when everything up to now settled, false after `timeoutMs`. */
  #flushWithin(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.#o.clock.setTimeout(
        () => {
          const { queued, inFlight } = this.stats();
          this.#report('warn', 'GP_SDK_FLUSH_TIMEOUT', { events: queued + inFlight });
          resolve(false);
        },
        timeoutMs,
        { keepAlive: true },
      );
      const settled = () => {
        this.#o.clock.clearTimeout(timer);
        resolve(true);
      };
      this.ready
        .then(() => {
          this.#stack.probeNow(); // an explicit flush tries now, even while the circuit is open
          return this.delivery.flushAll();
        })
        .then(settled, settled);
    });
  }

  async #stop(): Promise<void> {
    this.#call((at, r) => {
      if (r.sessionActive) r.endSession(at);
    });
    if (this.#lifecycle.phase === 'loading' || this.#lifecycle.phase === 'ready') this.#lifecycle.to('stopping');
    await this.#flushWithin(this.#o.flushTimeoutMs);
    this.#unsubscribe();
    try {
      await this.delivery.stop();
    } catch (cause) {
      this.#report('warn', 'GP_SDK_NETWORK', { message: `closing the transport failed: ${String(cause)}`, cause });
    }
    await this.#journal.flushNow();
    await this.#persistence.idle();
    this.#lock.close?.();
    await this.#deps.storage.close?.();
    this.#lifecycle.to('stopped');
  }
}

function firstVariant(variants: Variants): string | undefined {
  return Array.isArray(variants) ? (variants as readonly string[])[0] : Object.keys(variants)[0];
}

/** A client as platform code sees it: the game's API plus the delivery (page lifecycle). */
export type ClientInternals = Gamepulse & { readonly delivery: Delivery };

/**
 * Builds a client from resolved options; platform entry points use this. They supply
 * the transport stack too (`sendStack`: createSendStack, or a deferred stand-in for it),
 * so that the core does not import it.
 */
export function createClient(options: ResolvedOptions, deps: PlatformDeps & { sendStack: CreateSendStack }): ClientInternals {
  return new Client(options, deps);
}
