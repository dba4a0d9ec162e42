/**
 * The public contract of a gamepulse client: what games, the simulator and the samples
 * program against. The implementation is client.ts.
 */
import type { Storage } from './storage.ts';
import type { AdInput, CustomFields, ErrorSeverityName, ProgressionDetails, PurchaseInput, RefundInput, TrackPayload } from './taxonomy.ts';
import type { CircuitState } from './breaker.ts';
import type { Connectivity } from './connectivity.ts';
import type { CreateSendStack } from './send-stack.ts';
import type { Variants } from './hash.ts';
import type { DeletionResult } from './http/deletion.ts';
import type { SendLock } from './lock.ts';
import type { Transport } from './transport.ts';

export type ConsentState = 'granted' | 'denied' | 'pending';

export interface GamepulseStats {
  /** Events recorded but not yet in a batch (including calls buffered while loading). */
  queued: number;
  /** Events in frozen batches not yet acknowledged (being sent, or waiting behind that one). */
  inFlight: number;
  /** Batches the collector acknowledged. */
  sentBatches: number;
  /** Events the collector accepted. */
  ackedEvents: number;
  /** Events the collector refused: per event in an ack, or a whole batch refused for good. */
  rejectedEvents: number;
  /** Events dropped by the SDK since start, by code. */
  droppedByReason: Record<string, number>;
  /** Frozen batches not yet settled (stored, in flight or waiting). */
  pendingBatches: number;
  /** Re-sends so far. */
  retries: number;
  /** Events not recorded because this player is outside `sampleRate` (not a loss). */
  sampledOut: number;
  /** The circuit breaker (closed = sending normally). */
  circuit: CircuitState;
  /** The transport in use, e.g. "http", "websocket". */
  transport: string;
  consent: ConsentState;
  /** Estimated server clock minus this clock, ms (from the last acknowledgement). */
  clockOffsetMs: number;
}

export type Tiers = [tier1: string, tier2?: string, tier3?: string, details?: ProgressionDetails];

export interface Gamepulse {
  /** Records one event: exactly one taxonomy field, e.g. `{ featureUse: { feature: 'map' } }`. */
  track(payload: TrackPayload, custom?: CustomFields): void;
  progression: { start(...args: Tiers): void; complete(...args: Tiers): void; fail(...args: Tiers): void };
  purchase(purchase: PurchaseInput): void;
  /**
   * Records money given back for an earlier purchase (a refund, chargeback or
   * revocation). Mostly called by game servers on the store's server notification.
   * Revenue KPIs stay gross; the `refunds` KPI counts these.
   */
  refund(refund: RefundInput): void;
  resource: {
    source(currency: string, amount: number, itemType: string, itemId?: string): void;
    sink(currency: string, amount: number, itemType: string, itemId?: string): void;
  };
  design(eventId: string, value?: number): void;
  error(severity: ErrorSeverityName, message: string): void;
  ad(ad: AdInput): void;
  social(action: string, target?: string): void;
  featureUsed(feature: string): void;
  experiment: {
    /** Records an exposure yourself. */
    exposure(experiment: string, variant: string): void;
    /**
     * The player's variant: a stable weighted pick by hash of (experiment, player id),
     * the same on every device. The first call per session for an experiment also
     * records its exposure (once per session, so each session of an A/B readout sees
     * it, without one event per call). Undefined for an empty variant list.
     */
    variant(experiment: string, variants: Variants): string | undefined;
  };
  /** start() ends a running session first; end() records session_end with its monotonic length. */
  session: { start(): void; end(): void };
  /** Player id for the events that follow (persisted). */
  identify(playerId: string): void;
  /**
   * The player's consent decision (remembered). `false` discards everything queued and
   * not yet acknowledged, wipes stored events and stops recording; `true` starts (or
   * resumes) storing and sending, including what waited for consent in opt-in mode.
   */
  setConsent(granted: boolean): void;
  /**
   * Asks the collector to delete this player's data (POST /v1/privacy/deletion), after
   * discarding the player's events not yet sent. Resolves with the collector's request
   * id or the failure; never rejects.
   */
  requestDeletion(): Promise<DeletionResult>;
  /** The game went to the background (engine pause): the session stops counting time; queued events are sent. */
  pause(): void;
  /** Back in the foreground: the session continues, or a new one starts after `sessionTimeoutMs`. */
  resume(): void;
  /**
   * Batches everything queued so far and resolves once all of it is acknowledged or
   * dropped, or after flushTimeoutMs (then reported as GP_SDK_FLUSH_TIMEOUT; the events
   * stay queued and stored). Never rejects.
   */
  flush(): Promise<void>;
  /** Ends the session, flushes, stops timers and connections. Safe to call twice. */
  shutdown(): Promise<void>;
  stats(): GamepulseStats;
  /** Resolves once storage is loaded (calls before that are buffered, not lost). */
  readonly ready: Promise<void>;
  /** The install id, once loaded. */
  readonly installId: string | undefined;
}

/** What a platform supplies: how to send, and where to keep things. */
export interface PlatformDeps {
  /** One transport, or several in order of preference (fallback.ts). */
  transport: Transport | readonly Transport[];
  storage: Storage;
  /** @default a process-local lock (one sender) */
  lock?: SendLock;
  /** @default always online */
  connectivity?: Connectivity;
  /** For requestDeletion(). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Builds the transport stack over `transport` (retry, circuit breaker, fallback).
   * @default createSendStack (send-stack.ts)
   */
  sendStack?: CreateSendStack;
}
