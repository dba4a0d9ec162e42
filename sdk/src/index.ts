/**
 * @gamepulse/sdk — the platform-neutral core: the client, its options and types, and
 * the seams a platform plugs into (Transport, Storage, Compressor, Clock). Games use
 * `@gamepulse/sdk/node` or `@gamepulse/sdk/browser`, which choose those for them.
 */
export { createGamepulse } from './core/create.ts';
export type { Gamepulse, GamepulseStats, PlatformDeps, Tiers, ConsentState } from './core/api.ts';
export {
  resolveOptions,
  BATCH_HEADER_RESERVE_BYTES,
  type GamepulseOptions,
  type ResolvedOptions,
  type RetryOptions,
  type CircuitBreakerOptions,
  type ConsentMode,
} from './core/options.ts';
export { SDK_CODES, GamepulseConfigError, type SdkCode, type GamepulseCode, type DebugLevel, type DebugMessage } from './core/codes.ts';
export type {
  TrackPayload,
  CustomFields,
  PurchaseInput,
  RefundInput,
  RefundReasonName,
  AdInput,
  AdActionName,
  ProgressionDetails,
  ProgressionStatusName,
  ErrorSeverityName,
} from './core/taxonomy.ts';
export type { Transport, SendResult, SendSuccess, SendFailure, Ack, Rejected } from './core/transport.ts';
export { TOO_LARGE_CODES } from './core/transport.ts';
export type { DeletionResult } from './core/http/deletion.ts';
export { unitHash, inSample, assignVariant, type Variants } from './core/hash.ts';
export { createLocalLock, type SendLock } from './core/lock.ts';
export { alwaysOnline, type Connectivity } from './core/connectivity.ts';
export { CircuitBreaker, type CircuitState, type BreakerOptions } from './core/breaker.ts';
export { withFallback, withTiming, type FallbackOptions } from './core/fallback.ts';
export { lazyTransport, deferSendStack } from './core/lazy-transport.ts';
export { createSendStack, type CreateSendStack, type SendStack, type SendStackInputs } from './core/send-stack.ts';
export {
  createWebSocketTransport,
  webSocketUrl,
  type WebSocketLike,
  type WebSocketFactory,
  type WebSocketTransportOptions,
} from './core/ws/websocket-transport.ts';
export { LANE_LOW, LANE_NORMAL, LANE_CRITICAL, laneOf } from './core/lanes.ts';
export type { FrozenBatch } from './core/frozen-batch.ts';
export type { Storage, PersistedState, LoadedStorage, JournalEntry, ConsentDecision, SessionSnapshot } from './core/storage.ts';
export { mergeState } from './core/storage.ts';
export type { Compressor } from './core/compress.ts';
export { systemClock, type Clock, type TimerHandle, type TimerOptions } from './core/clock.ts';
export { createManualClock, type ManualClock, type PendingTimer } from './core/manual-clock.ts';
export { createDefaultRandom, createSeededRandom, type RandomSource } from './core/random.ts';
export { createUuidV7Generator, uuidV7Timestamp, type UuidV7Generator } from './core/uuid-v7.ts';
export { withRetry, backoffCeilingMs, backoffDelayMs, type RetryPolicy, type RetryInfo } from './core/retry.ts';
export { createMemoryStorage, createVolatileStorage, type MemoryStorage, type MemoryStorageOptions } from './core/memory-storage.ts';
export { createFetchTransport, type FetchTransportOptions } from './core/http/fetch-transport.ts';
export { isRetryableStatus, parseRetryAfterMs } from './core/http/http-status.ts';
export { SDK_VERSION } from './core/version.ts';
