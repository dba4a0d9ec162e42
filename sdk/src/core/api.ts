/**
 * The public contract of a gamepulse client: what games, the simulator and the samples
 * program against. The implementation is client.ts.
 */
import type { Storage } from './storage.ts';
import type {
  AdInput,
  CustomFields,
  ErrorSeverityName,
  ProgressionDetails,
  PurchaseInput,
  TrackPayload,
} from './taxonomy.ts';
import type { Transport } from './transport.ts';

export interface GamepulseStats {
  /** Events waiting: buffered while loading, queued, or in batches behind the one in flight. */
  queued: number;
  /** Events in the batch being sent (including its retry waits). */
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
}

export type Tiers = [tier1: string, tier2?: string, tier3?: string, details?: ProgressionDetails];

export interface Gamepulse {
  /** Records one event: exactly one taxonomy field, e.g. `{ featureUse: { feature: 'map' } }`. */
  track(payload: TrackPayload, custom?: CustomFields): void;
  progression: { start(...args: Tiers): void; complete(...args: Tiers): void; fail(...args: Tiers): void };
  purchase(purchase: PurchaseInput): void;
  resource: {
    source(currency: string, amount: number, itemType: string, itemId?: string): void;
    sink(currency: string, amount: number, itemType: string, itemId?: string): void;
  };
  design(eventId: string, value?: number): void;
  error(severity: ErrorSeverityName, message: string): void;
  ad(ad: AdInput): void;
  social(action: string, target?: string): void;
  featureUsed(feature: string): void;
  experiment: { exposure(experiment: string, variant: string): void };
  /** start() ends a running session first; end() records session_end with its monotonic length. */
  session: { start(): void; end(): void };
  /** Player id for the events that follow (persisted). */
  identify(playerId: string): void;
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
  transport: Transport;
  storage: Storage;
}
