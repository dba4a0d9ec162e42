/**
 * @gamepulse/sdk — the platform-neutral core: the client, its options and types, and
 * the seams a platform plugs into (Transport, Storage, Compressor, Clock). Games use
 * `@gamepulse/sdk/node` or `@gamepulse/sdk/browser`, which choose those for them.
 */
export { createGamepulse } from './core/client.ts';
export type { Gamepulse, GamepulseStats, PlatformDeps, Tiers } from './core/api.ts';
export {
  resolveOptions,
  BATCH_HEADER_RESERVE_BYTES,
  type GamepulseOptions,
  type ResolvedOptions,
  type RetryOptions,
} from './core/options.ts';
export {
  SDK_CODES,
  GamepulseConfigError,
  type SdkCode,
  type GamepulseCode,
  type DebugLevel,
  type DebugMessage,
} from './core/codes.ts';
export type {
  TrackPayload,
  CustomFields,
  PurchaseInput,
  AdInput,
  AdActionName,
  ProgressionDetails,
  ProgressionStatusName,
  ErrorSeverityName,
} from './core/taxonomy.ts';
export type { Transport, SendResult, SendSuccess, SendFailure, Ack, Rejected } from './core/transport.ts';
export type { FrozenBatch } from './core/frozen-batch.ts';
export type { Storage, PersistedState, LoadedStorage } from './core/storage.ts';
export type { Compressor } from './core/compress.ts';
export { systemClock, type Clock, type TimerHandle, type TimerOptions } from './core/clock.ts';
export { createManualClock, type ManualClock, type PendingTimer } from './core/manual-clock.ts';
export { createDefaultRandom, createSeededRandom, type RandomSource } from './core/random.ts';
export { createUuidV7Generator, uuidV7Timestamp, type UuidV7Generator } from './core/uuid-v7.ts';
export { withRetry, backoffCeilingMs, backoffDelayMs, type RetryPolicy, type RetryInfo } from './core/retry.ts';
export { createMemoryStorage, type MemoryStorage } from './core/memory-storage.ts';
export { createFetchTransport, type FetchTransportOptions } from './core/http/fetch-transport.ts';
export { isRetryableStatus, parseRetryAfterMs } from './core/http/http-status.ts';
export { SDK_VERSION } from './core/version.ts';
