/**
 * Options of the embedded log: one type with the defaults documented once, one
 * resolved type with every field set, one function that applies defaults and checks
 * bounds (the pattern of analytics-next's shared-dispatcher.ts).
 */
import { MAX_RECORD_LENGTH, RECORD_HEADER_BYTES } from './record-format.ts';

/** Structurally compatible with @gamepulse/service's Logger, without depending on it. */
export interface EmbeddedLogLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface EmbeddedLogOptions {
  /** Directory holding topics.json, the partitions' segment files and groups/. Created if missing (writer only). */
  dir: string;
  /**
   * A reader process: never appends, creates topics or truncates. It tails the files
   * a writer process (the only one: see writer.lock) appends to, and may still run
   * consumers (which write their groups/ files). @default false
   */
  readOnly?: boolean;
  /** A segment rolls before a write would make it larger than this (unless it is empty). @default 64 MiB */
  segmentBytes?: number;
  /**
   * When the log is idle, how long the first append waits for others to share its
   * fsync. Appends arriving while a round is being written always join the next round,
   * which starts as soon as that one is durable. @default 0 (next macrotask)
   */
  groupCommitMaxDelayMs?: number;
  /** A round starts early, and takes at most this much, once this many bytes are pending for a partition. @default 8 MiB */
  groupCommitMaxBytes?: number;
  /**
   * fdatasync every round before acknowledging. `false` acknowledges (and lets readers
   * deliver) once the write reached the OS: that survives a process crash, but an OS
   * crash or power loss can lose acknowledged records, and records a processor already
   * counted may then be replaced by others at the same offsets. @default true
   */
  fsync?: boolean;
  /** Largest key + value of one record; larger appends fail with GP_LOG_RECORD_TOO_LARGE. @default 8 MiB */
  maxRecordBytes?: number;
  /** Bytes read per read syscall by consumers (a larger record is read whole). @default 1 MiB */
  readChunkBytes?: number;
  /** Bytes of records one consumer fetch returns at most (besides maxBatchRecords). @default 4 MiB */
  fetchMaxBytes?: number;
  /**
   * Read-only logs: how often to re-read the writer's durable mark where fs.watch does
   * not work (while the mark file is watched, changes arrive as events and a 1 s poll is
   * the safety net). @default 50
   */
  readerPollIntervalMs?: number;
  /** Wait before redelivering a batch whose onBatch rejected (doubles up to 30 s). @default 500 */
  consumerRetryBackoffMs?: number;
  /** Record timestamps when the producer gives none, group file times. @default Date.now */
  now?: () => number;
  /** Warnings (truncated torn tails, taken-over stale locks) and errors. @default silent */
  logger?: EmbeddedLogLogger;
}

export type ResolvedEmbeddedLogOptions = Required<EmbeddedLogOptions>;

const MiB = 1024 * 1024;

const silent: EmbeddedLogLogger = { info() {}, warn() {}, error() {} };

export function resolveOptions(options: EmbeddedLogOptions): ResolvedEmbeddedLogOptions {
  if (!options || typeof options.dir !== 'string' || options.dir === '') throw new TypeError('openEmbeddedLog: `dir` is required');
  const r: ResolvedEmbeddedLogOptions = {
    dir: options.dir,
    readOnly: options.readOnly ?? false,
    segmentBytes: options.segmentBytes ?? 64 * MiB,
    groupCommitMaxDelayMs: options.groupCommitMaxDelayMs ?? 0,
    groupCommitMaxBytes: options.groupCommitMaxBytes ?? 8 * MiB,
    fsync: options.fsync ?? true,
    maxRecordBytes: options.maxRecordBytes ?? 8 * MiB,
    readChunkBytes: options.readChunkBytes ?? MiB,
    fetchMaxBytes: options.fetchMaxBytes ?? 4 * MiB,
    readerPollIntervalMs: options.readerPollIntervalMs ?? 50,
    consumerRetryBackoffMs: options.consumerRetryBackoffMs ?? 500,
    now: options.now ?? Date.now,
    logger: options.logger ?? silent,
  };
  checkInt('segmentBytes', r.segmentBytes, 1024, 2 ** 40);
  checkInt('groupCommitMaxDelayMs', r.groupCommitMaxDelayMs, 0, 1000);
  checkInt('groupCommitMaxBytes', r.groupCommitMaxBytes, 1, 2 ** 31);
  checkInt('maxRecordBytes', r.maxRecordBytes, 1, MAX_RECORD_LENGTH - RECORD_HEADER_BYTES);
  checkInt('readChunkBytes', r.readChunkBytes, 4096, 2 ** 30);
  checkInt('fetchMaxBytes', r.fetchMaxBytes, 1, 2 ** 31);
  checkInt('readerPollIntervalMs', r.readerPollIntervalMs, 1, 60_000);
  checkInt('consumerRetryBackoffMs', r.consumerRetryBackoffMs, 0, 60_000);
  return r;
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`openEmbeddedLog: ${name} must be an integer in [${min}, ${max}], got ${value}`);
}
