/**
 * Retry as a wrapper for a consumer that may give up. A `LogConsumer` calls `onFailed`
 * when it stops delivering for good (Kafka: kafkajs exhausted its retries, e.g. no group
 * coordinator during a long broker outage). For consumers whose positions live in
 * their own store (the rollups loader, the deletions consumer) recovery is always the
 * same: stop the dead consumer, forget the assignment, wait, build a new one in the same
 * group — doubling the wait up to a cap — until one runs or `stop()` is called. The new
 * consumer's `onAssigned` reads the positions from the store again, so nothing is
 * skipped or applied twice.
 *
 * Except for a lost position (GP_LOG_POSITION_LOST: the stored position is below the
 * log start, position-gaps.ts): a new consumer would meet the same gap, so the wrapper
 * stops for good and reports it (`problem`), for its owner's health; an operator decides.
 */
import type { ConsumerHandlers, Log, LogConsumer } from './types.ts';

/** The few logger methods used; @gamepulse/service's Logger satisfies it. */
export interface RestartLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface RestartingConsumerOptions {
  /** Builds a fresh consumer (same group, same topics) each time it is called. */
  create: () => LogConsumer;
  /** The handlers every consumer runs with; `onFailed` is this wrapper's. */
  handlers: Omit<ConsumerHandlers, 'onFailed'>;
  /** Called once the dead consumer is stopped: drop what was tied to its assignment. */
  onGaveUp?: () => void;
  /** Names the consumer in log lines, e.g. 'loader consumer'. */
  name: string;
  logger: RestartLogger;
  /** First wait before a new consumer. @default 500 */
  initialBackoffMs?: number;
  /** The wait doubles up to this. @default 30_000 */
  maxBackoffMs?: number;
  /** Injectable for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Watchdog for a consumer that neither delivers nor gives up: every `intervalMs`
   * (default 5_000), when no batch arrived for `stalledAfterMs` (default 30_000) and
   * `behind()` says records are waiting, the consumer is replaced as if it had given up.
   * (A kafkajs consumer was seen spinning after a broker restart — busy, silent,
   * delivering nothing — in the chaos test.) `recordsWaiting` is the usual `behind`.
   * @default none
   */
  watchdog?: { intervalMs?: number; stalledAfterMs?: number; behind: () => Promise<boolean> };
  /** @default Date.now */
  now?: () => number;
  /** How long to wait for a dead or stuck consumer to stop before going on. @default 10_000 */
  stopTimeoutMs?: number;
}

export interface RestartingConsumer {
  /** Runs the first consumer; rejects if it cannot start (no retry for the first). */
  start(): Promise<void>;
  /** Stops the current consumer and any restart in progress. Safe to call twice. */
  stop(): Promise<void>;
  /** Times a consumer gave up and was replaced. */
  readonly restarts: number;
  /** Why it stopped for good (a lost position), else undefined. */
  problem(): string | undefined;
}

export function createRestartingConsumer(o: RestartingConsumerOptions): RestartingConsumer {
  return new Restarting(o);
}

/**
 * For a topic's only reader, whose positions live in its own store: records wait when
 * some partition's end is past our next offset — or we hold no position for it at all.
 */
export async function recordsWaiting(log: Log, topic: string, positionOf: (partition: number) => number | undefined): Promise<boolean> {
  return (await log.endOffsets(topic)).some((e) => e.offset > (positionOf(e.partition) ?? 0));
}

function isPositionLost(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'GP_LOG_POSITION_LOST';
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class Restarting implements RestartingConsumer {
  private consumer: LogConsumer | undefined;
  private restarting = false;
  private stopping: Promise<void> | undefined;
  private lastBatchAtMs = 0;
  /** onBatch calls running: a slow handler (a long commit, a deletion waiting for coverage) is not a stall. */
  private inBatch = 0;
  private watchdogTimer: NodeJS.Timeout | undefined;
  private lost: string | undefined;
  restarts = 0;

  constructor(private readonly o: RestartingConsumerOptions) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  async start(): Promise<void> {
    if (this.consumer) throw new Error(`${this.o.name} already started`);
    await this.runOne();
    const w = this.o.watchdog;
    if (w) {
      this.watchdogTimer = setInterval(() => void this.checkStalled(w.stalledAfterMs ?? 30_000, w.behind), w.intervalMs ?? 5_000);
      this.watchdogTimer.unref();
    }
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearInterval(this.watchdogTimer);
      await this.consumer?.stop();
    })();
    return this.stopping;
  }

  /** Public for tests: one watchdog look. */
  async checkStalled(stalledAfterMs: number, behind: () => Promise<boolean>): Promise<boolean> {
    if (this.lost !== undefined || this.restarting || this.stopping || this.inBatch > 0 || this.now() - this.lastBatchAtMs < stalledAfterMs)
      return false;
    let waiting: boolean;
    try {
      waiting = await behind();
    } catch {
      return false; // the log is unreachable: the consumer's own retries deal with that
    }
    if (!waiting || this.restarting || this.stopping) return false;
    this.o.logger.warn(`${this.o.name} stalled: no batch for ${stalledAfterMs} ms while records wait; replacing it`);
    void this.restart(new Error(`${this.o.name} stalled`));
    return true;
  }

  private async runOne(): Promise<void> {
    const consumer = this.o.create();
    this.consumer = consumer;
    this.lastBatchAtMs = this.now(); // a new consumer gets the full grace period
    const onBatch = this.o.handlers.onBatch;
    await consumer.run({
      ...this.o.handlers,
      onBatch: async (batch) => {
        this.lastBatchAtMs = this.now();
        this.inBatch += 1;
        try {
          return await onBatch(batch);
        } finally {
          this.inBatch -= 1;
          this.lastBatchAtMs = this.now();
        }
      },
      // Only the current consumer's failure counts: a replaced one may still report.
      onFailed: (err) => {
        if (this.consumer !== consumer) return;
        if (isPositionLost(err)) this.giveUp(err);
        else void this.restart(err);
      },
    });
  }

  problem(): string | undefined {
    return this.lost;
  }

  private giveUp(err: unknown): void {
    if (this.lost !== undefined) return;
    this.lost = `GP_LOG_POSITION_LOST: ${err instanceof Error ? err.message : String(err)}`;
    this.o.logger.error(`${this.o.name} stopped: its stored position is below the log start; not restarting (an operator decides)`, {
      err,
    });
    clearInterval(this.watchdogTimer);
    void this.consumer?.stop().catch(() => undefined);
    this.o.onGaveUp?.();
  }

  private async restart(err: unknown): Promise<void> {
    if (this.restarting || this.stopping) return;
    this.restarting = true;
    this.restarts += 1;
    this.o.logger.error(`${this.o.name} failed; starting a new one`, { err });
    const sleep = this.o.sleep ?? realSleep;
    const maxBackoffMs = this.o.maxBackoffMs ?? 30_000;
    let backoffMs = this.o.initialBackoffMs ?? 500;
    try {
      while (!this.stopping) {
        // A stuck consumer may never finish stopping: do not wait for it forever.
        const stopped = this.consumer?.stop().catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([stopped, new Promise<void>((r) => (timer = setTimeout(r, this.o.stopTimeoutMs ?? 10_000)))]);
        clearTimeout(timer);
        this.o.onGaveUp?.();
        await sleep(backoffMs);
        if (this.stopping) return;
        try {
          await this.runOne();
          this.o.logger.info(`${this.o.name} restarted`, { restarts: this.restarts });
          return;
        } catch (e) {
          backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
          this.o.logger.warn(`${this.o.name} restart failed; retrying`, { err: e, retryInMs: backoffMs });
        }
      }
    } finally {
      this.restarting = false;
    }
  }
}
