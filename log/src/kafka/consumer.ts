/**
 * LogConsumer on a kafkajs consumer group (classic protocol, eager rebalancing,
 * read_committed, no auto-commit).
 *
 * kafkajs has no assignment callbacks, so they are built here from its instrumentation
 * events and serialized with batch delivery: onAssigned, every onBatch and onRevoked run
 * one at a time through one queue, in the order kafkajs produced them.
 *
 * Guarantees (the processor relies on exactly these):
 *  - onAssigned(all partitions of the new generation) runs after every join, before any
 *    record of that generation is delivered. The offsets it returns are sought, and no
 *    record below a returned offset is ever delivered; partitions it leaves out resume at
 *    the group's committed offset, else at the earliest offset.
 *  - onRevoked(all partitions of the ending generation) runs exactly once per generation
 *    that had partitions, after that generation's last onBatch returned and before the
 *    next onAssigned. Eager protocol: every rebalance revokes everything.
 *  - WHEN: if this member notices the rebalance itself — at the heartbeat it sends after
 *    each batch (and every heartbeatIntervalMs during a long onBatch) — onRevoked runs
 *    BEFORE it rejoins. The coordinator waits (up to rebalanceTimeoutMs) for every member
 *    to rejoin before handing out partitions, so then nobody else can own them yet and
 *    commit() still works. This is the usual case for a busy member. Otherwise (kafkajs
 *    noticed it on an idle fetch, or this member was evicted after sessionTimeoutMs, or
 *    kafkajs crashed and restarted) kafkajs has already rejoined without waiting for us:
 *    onRevoked runs late, the partitions may be processed by another member meanwhile,
 *    and commit() of them is refused with GP_LOG_NOT_ASSIGNED (a late commit could move
 *    the new owner's committed offset backwards).
 *  - Ownership is also bounded in time, like a lease (membership.ts): past it (a member
 *    stuck in onBatch longer than the rebalance timeout, or silent for the session
 *    timeout) commit() is refused and a revocation counts as late.
 *  - Therefore onRevoked is an opportunity to flush, never something correctness may
 *    depend on. Exactly-once requires the consumer's output and its input offsets to be
 *    stored atomically AND conditionally: a commit for a partition must only apply if the
 *    stored offset is still the one this member started from (a compare-and-set in the
 *    store's transaction), or be fenced by a per-partition transactional id
 *    (transactions.ts). Then a partition processed by two members for a moment is
 *    counted once: the second writer's commit fails or skips what is already stored.
 *  - `stats().revocations` counts which kind each revocation was (before-rejoin, late, stop).
 *  - A rejected onBatch is redelivered (same records) after a backoff that doubles up to
 *    30 s, until it resolves or the partition is revoked — like the embedded log.
 *  - A fetch whose records were all filtered out (transaction markers; aborted records
 *    under read_committed) is passed on as an empty batch that only moves nextOffset, so
 *    a consumer of a transactional topic sees its position reach the partition's end.
 *  - When kafkajs gives up for good (CRASH without restart, e.g. no group coordinator
 *    for its whole retry budget while a broker restarts) or onAssigned throws, the
 *    consumer leaves the group and calls onFailed: the owner starts a new consumer.
 *  - After stop() resolves, nothing of this consumer is in the group, ever. kafkajs alone
 *    does not promise that: stopped while it (re)joins — after a crash it restarts on its
 *    own, and a JoinGroup waits for the whole rebalance — its Runner.stop() does nothing,
 *    the JoinGroup then fails on the closed connection, and that retriable crash makes it
 *    schedule a restart AFTER stop() cleared its restart timer. The restart rejoined the
 *    group with nobody listening: a member that held its partitions and never delivered
 *    them (a chaos run's processor stalled on one events partition for good). So
 *    `restartOnFailure` says no once stop() was called, and a kafkajs consumer still seen
 *    after stop() (joining or fetching) is logged as an error, disconnected again, and
 *    crashed for good by the batches it fetches (`stats().zombiesStopped`).
 *  - Gaps (../position-gaps.ts): newly assigned partitions stay paused until the offsets
 *    onAssigned returned are compared with the partitions' log starts and sought; one
 *    below its log start fails the assignment with GP_LOG_POSITION_LOST (onFailed),
 *    unless `acceptPositionGaps`. A fetch that finds its offset out of range later
 *    (retention overtook a running consumer) ends the consumer the same way, never with
 *    kafkajs's silent reset to the earliest offset (offset-reset-guard.ts).
 *  - A consumer that holds partitions, is not inside a callback, and saw no fetch
 *    complete for consumerStallTimeoutMs while records wait on its partitions is stalled
 *    (kafkajs fetches every maxWaitMs while it runs): an error line, `health()` not ok
 *    (and KafkaLog's health with it) and onFailed with GP_LOG_CONSUMER_STALLED, so the
 *    owner replaces it (`stats().stalls`).
 */
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type {
  ConsumedRecord,
  ConsumerHandlers,
  ConsumerOptions,
  LogConsumer,
  PartitionBatch,
  TopicPartition,
  TopicPartitionOffset,
} from '../types.ts';
import { consumerConfig, consumerRunConfig, DEFAULT_MAX_BATCH_RECORDS, DEFAULT_MAX_WAIT_MS } from './config.ts';
import { ConsumerStateMachine, type ConsumerState } from './consumer-state.ts';
import { errorMessage, KafkaLogError, toKafkaLogError } from './errors.ts';
import { Membership, tpKey } from './membership.ts';
import { outOfRangeIn, type OutOfRange } from './offset-reset-guard.ts';
import { describeGap, planSeeks, PositionLostError, type PositionGap } from '../position-gaps.ts';
import type { ProducerHost } from './producer.ts';
import { SerialQueue } from './serial-queue.ts';

const MAX_RETRY_BACKOFF_MS = 30_000;
const EMPTY = new Uint8Array(0);

export interface ConsumerHost extends ProducerHost {
  /** close() of the log stops running consumers. */
  track(consumer: KafkaConsumer, running: boolean): void;
  /** What is wrong with a consumer (the log's health() is not ok meanwhile); undefined when nothing is. */
  report(consumer: KafkaConsumer, problem: string | undefined): void;
  /** The end (high watermark) of each partition of a topic. */
  endOffsets(topic: string): Promise<TopicPartitionOffset[]>;
  /** The start (low watermark: first offset still held) of each partition of a topic. */
  startOffsets(topic: string): Promise<TopicPartitionOffset[]>;
}

/** How a generation's partitions were given up (see the guarantees above). */
export type RevocationKind = 'before-rejoin' | 'late' | 'stop';

export interface KafkaConsumerStats {
  state: ConsumerState;
  generations: number;
  revocations: Record<RevocationKind, number>;
  /** onBatch calls that rejected (each is redelivered). */
  handlerFailures: number;
  /** Times the watchdog found this consumer stalled (it then gave up). */
  stalls: number;
  /** Times its kafkajs consumer was found in the group after stop() and stopped again. */
  zombiesStopped: number;
}

function toConsumed(topic: string, partition: number, m: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ? m.key.toString('utf8') : '',
    value: m.value ?? EMPTY,
    timestampMs: Number(m.timestamp),
  };
}

/** kafkajs's pause/resume argument. */
function byTopic(tps: readonly TopicPartition[]): Array<{ topic: string; partitions: number[] }> {
  const out = new Map<string, number[]>();
  for (const tp of tps) out.set(tp.topic, [...(out.get(tp.topic) ?? []), tp.partition]);
  return [...out].map(([topic, partitions]) => ({ topic, partitions }));
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // observed by run() only
  return { promise, resolve, reject };
}

export class KafkaConsumer implements LogConsumer {
  private readonly machine: ConsumerStateMachine;
  private readonly queue = new SerialQueue();
  private readonly maxBatchRecords: number;
  private readonly maxWaitMs: number;
  private consumer: Consumer | undefined;
  private handlers: ConsumerHandlers | undefined;
  /** Partitions of the current generation (what onAssigned got, and onRevoked will get). */
  private assigned: TopicPartition[] = [];
  /** Which partitions this member may still commit (see membership.ts). */
  private readonly membership: Membership;
  /** Next offset to deliver per partition, once known (a seek or a delivered batch). */
  private readonly positions = new Map<string, number>();
  /** Partitions of this generation that onAssigned started "from the beginning" (offset 0). */
  private readonly fromStart = new Set<string>();
  /** GROUP_JOIN events seen: an assignment resumes its partitions only if no newer join came. */
  private joins = 0;
  private readonly firstAssignment = deferred<void>();
  private stopRequested = false;
  private stopping: Promise<void> | undefined;
  private revokeError: unknown;
  private readonly unlisten: Array<() => void> = [];
  private readonly counts: Omit<KafkaConsumerStats, 'state'> = {
    generations: 0,
    revocations: { 'before-rejoin': 0, late: 0, stop: 0 },
    handlerFailures: 0,
    stalls: 0,
    zombiesStopped: 0,
  };
  /** Last sign of progress: a fetch completed, a batch handled, a generation became active. */
  private lastActivityMs = 0;
  /** Callbacks of ours running or waiting (a slow onBatch is not a stall). */
  private working = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private watchdogLooking = false;
  private problem: string | undefined;
  private reaping: Promise<void> | undefined;
  private lastReapMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly host: ConsumerHost,
    private readonly options: ConsumerOptions,
  ) {
    if (!options || typeof options.groupId !== 'string' || options.groupId === '')
      throw new KafkaLogError('GP_LOG_INVALID_OPTIONS', 'consumer: groupId is required');
    if (!Array.isArray(options.topics) || options.topics.length === 0)
      throw new KafkaLogError('GP_LOG_INVALID_OPTIONS', 'consumer: topics must be a non-empty array');
    this.maxBatchRecords = options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (!Number.isInteger(this.maxBatchRecords) || this.maxBatchRecords < 1)
      throw new KafkaLogError(
        'GP_LOG_INVALID_OPTIONS',
        `consumer: maxBatchRecords must be a positive integer, got ${this.maxBatchRecords}`,
      );
    if (!Number.isInteger(this.maxWaitMs) || this.maxWaitMs < 1)
      throw new KafkaLogError('GP_LOG_INVALID_OPTIONS', `consumer: maxWaitMs must be an integer ≥ 1, got ${this.maxWaitMs}`);
    this.machine = new ConsumerStateMachine((from, to) => this.host.logger.debug('consumer state', { groupId: options.groupId, from, to }));
    this.membership = new Membership(host.options, host.options.now, (err) =>
      this.host.logger.debug('heartbeat failed', { groupId: options.groupId, error: errorMessage(err) }),
    );
  }

  stats(): KafkaConsumerStats {
    return { state: this.machine.state, ...this.counts, revocations: { ...this.counts.revocations } };
  }

  /** Not ok while stalled (until stopped) or while a kafkajs consumer left over after stop() is being stopped. */
  health(): { ok: boolean; detail: string } {
    return this.problem
      ? { ok: false, detail: this.problem }
      : { ok: true, detail: `consumer of group "${this.options.groupId}" ${this.machine.state}` };
  }

  /** Joins the group; resolves after the first onAssigned returned (rejects with its error if it threw). */
  async run(handlers: ConsumerHandlers): Promise<void> {
    if (this.machine.state !== 'created')
      throw new KafkaLogError(
        'GP_LOG_INVALID_STATE',
        `consumer of group "${this.options.groupId}" was already started (state ${this.machine.state}); create a new one`,
      );
    if (typeof handlers?.onBatch !== 'function')
      throw new KafkaLogError('GP_LOG_INVALID_OPTIONS', 'consumer.run: handlers.onBatch is required');
    this.handlers = handlers;
    this.machine.transitionTo('joining');
    this.host.track(this, true);
    const topics = [...new Set(this.options.topics)];
    try {
      for (const topic of topics) {
        if ((await this.host.partitions(topic)) === undefined)
          throw new KafkaLogError('GP_LOG_UNKNOWN_TOPIC', `consumer of group "${this.options.groupId}": topic "${topic}" does not exist`);
      }
      // kafkajs asks after a retriable crash, once disconnected, whether to start again.
      const restartOnFailure = async () => !this.stopRequested && this.machine.state !== 'failed';
      const consumer = this.host.kafka.consumer(
        consumerConfig(this.host.options, { ...this.options, maxWaitMs: this.maxWaitMs }, restartOnFailure),
      );
      this.consumer = consumer;
      this.listen(consumer);
      this.startWatchdog();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run(consumerRunConfig((payload) => this.eachBatch(payload)));
    } catch (err) {
      this.stopRequested = true;
      await this.release();
      throw toKafkaLogError(err, `consumer of group "${this.options.groupId}"`);
    }
    await this.firstAssignment.promise;
  }

  async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.machine.state === 'stopped')
      throw new KafkaLogError('GP_LOG_INVALID_STATE', `consumer of group "${this.options.groupId}" is not running`);
    const foreign = offsets.filter((o) => !this.membership.owns(o.topic, o.partition));
    if (foreign.length > 0)
      throw new KafkaLogError(
        'GP_LOG_NOT_ASSIGNED',
        `consumer of group "${this.options.groupId}" does not own ${foreign.map((o) => `${o.topic}/${o.partition}`).join(', ')} (revoked or never assigned)`,
      );
    for (const o of offsets)
      if (!Number.isSafeInteger(o.offset) || o.offset < 0)
        throw new KafkaLogError('GP_LOG_INVALID_STATE', `commit: invalid offset ${o.offset} for ${o.topic}/${o.partition}`);
    if (offsets.length === 0) return;
    try {
      await consumer.commitOffsets(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })));
    } catch (err) {
      throw toKafkaLogError(err, `commit of group "${this.options.groupId}"`);
    }
  }

  /** After the current onBatch returns: onRevoked (while still owning), then leave the group. Safe twice. */
  stop(): Promise<void> {
    this.stopRequested = true;
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  // ── kafkajs events (synchronous listeners: they only record and enqueue) ─────────

  private listen(consumer: Consumer): void {
    const { GROUP_JOIN, REBALANCING, CRASH, HEARTBEAT, START_BATCH_PROCESS, FETCH, FETCH_START } = consumer.events;
    // Never removed: a kafkajs consumer that joins or fetches after stop() is a zombie.
    consumer.on(GROUP_JOIN, () => this.reap('it joined the group'));
    consumer.on(FETCH_START, () => this.reap('it fetches'));
    this.unlisten.push(
      consumer.on(GROUP_JOIN, (e) => this.onGroupJoin(e.payload.memberAssignment)),
      consumer.on(FETCH, () => void (this.lastActivityMs = this.host.options.now())),
      // A fetch whose records were all filtered out (transaction markers, aborted
      // records under read_committed) never reaches eachBatch: kafkajs moves its own
      // position and only emits this event. Without passing it on, a consumer of a
      // transactional topic would never see its position reach the end of a partition.
      consumer.on(START_BATCH_PROCESS, (e) => {
        const { topic, partition, batchSize, lastOffset, highWatermark } = e.payload;
        if (batchSize === 0) this.onFilteredBatch(topic, partition, Number(lastOffset) + 1, Number(highWatermark));
      }),
      consumer.on(HEARTBEAT, () => this.membership.heartbeatSucceeded()),
      // Emitted right before kafkajs rejoins WITHOUT waiting for us: from now on others
      // may be given our partitions, so no more commits of them.
      consumer.on(REBALANCING, () => this.onGenerationGone('kafkajs rejoins the group')),
      // kafkajs left the group (and will restart it if `restart`).
      consumer.on(CRASH, (e) => {
        this.host.logger.error('consumer crashed', {
          groupId: this.options.groupId,
          restart: e.payload.restart,
          error: errorMessage(e.payload.error),
        });
        const outOfRange = outOfRangeIn(e.payload.error);
        if (outOfRange && !e.payload.restart) this.onOutOfRange(outOfRange);
        else this.onGenerationGone('kafkajs consumer crashed', e.payload.restart ? undefined : e.payload.error);
      }),
    );
  }

  private onGroupJoin(memberAssignment: Record<string, number[]>): void {
    // Owned again only once onAssigned ran (assign), in queue order.
    this.membership.lost();
    const assignment = Object.entries(memberAssignment)
      .flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    // Nothing is fetched before onAssigned's positions are checked and sought (assign
    // resumes them): kafkajs would otherwise fetch at the group's committed offset at
    // once, and one out of range (a gap) would end the consumer before the check could
    // accept it. Emitted synchronously right after the sync, before kafkajs's first fetch;
    // a paused partition still heartbeats (kafkajs heartbeats after an empty fetch).
    try {
      this.consumer?.pause(byTopic(assignment));
    } catch (err) {
      this.host.logger.warn('pausing new partitions failed', { groupId: this.options.groupId, error: errorMessage(err) });
    }
    const join = ++this.joins;
    void this.queue.run(() => this.assign(assignment, join));
  }

  private onGenerationGone(reason: string, fatal?: unknown): void {
    this.membership.lost();
    void this.queue.run(async () => {
      if (this.machine.state === 'active') await this.revoke('late', reason);
      if (fatal !== undefined && this.machine.can('failed')) this.fail(fatal);
    });
  }

  /**
   * kafkajs fetched at an offset the partition no longer holds and stopped (the guard
   * keeps it from resetting): below the log start it is a gap (stopped, or accepted by a
   * restart at the log start); above the end, the log lost records this group had read.
   * Either way this consumer ends; its owner's new consumer sees the stored positions
   * again in onAssigned.
   */
  private onOutOfRange(o: OutOfRange): void {
    this.membership.lost();
    void this.queue.run(async () => {
      const state = this.machine.state;
      if (state === 'failed' || state === 'stopping' || state === 'stopped') return; // e.g. onAssigned's check found the gap first
      if (this.machine.state === 'active') await this.revoke('late', `offset ${o.offset} of ${o.topic}/${o.partition} out of range`);
      const error = await this.outOfRangeError(o);
      if (this.machine.can('failed')) this.fail(error);
    });
  }

  private async outOfRangeError(o: OutOfRange): Promise<unknown> {
    const { groupId } = this.options;
    const find = async (offsets: Promise<TopicPartitionOffset[]>) => (await offsets).find((x) => x.partition === o.partition)?.offset;
    let logStart: number | undefined;
    let end: number | undefined;
    try {
      [logStart, end] = await Promise.all([find(this.host.startOffsets(o.topic)), find(this.host.endOffsets(o.topic))]);
    } catch (err) {
      return toKafkaLogError(err, `consumer of group "${groupId}": offset ${o.offset} of ${o.topic}/${o.partition} out of range`);
    }
    if (logStart !== undefined && o.offset < logStart) {
      const gap: PositionGap = { groupId, topic: o.topic, partition: o.partition, position: o.offset, logStart, accepted: false };
      if (this.fromStart.has(tpKey(o.topic, o.partition)) || this.options.acceptPositionGaps) {
        // Nothing stored was skipped (the partition started "from the beginning" and the
        // log start moved on since), or gaps are accepted: a new consumer starts over,
        // and its onAssigned decides (and counts) at the new log start.
        return new KafkaLogError('GP_LOG_UNAVAILABLE', `${describeGap(gap)}; starting a new consumer at the log start`, {
          retryable: true,
        });
      }
      this.reportGap(gap);
      return new PositionLostError(describeGap(gap), { context: { ...gap } });
    }
    return new PositionLostError(
      `consumer group "${groupId}" on ${o.topic}/${o.partition}: position ${o.offset} is out of range (log start ${logStart ?? '?'}, end ${end ?? '?'}): the log lost records this group had read (a truncated or recreated topic). Stopped; see log/README.md, "Gaps"`,
      { context: { groupId, topic: o.topic, partition: o.partition, position: o.offset, logStart, end } },
    );
  }

  private reportGap(gap: PositionGap): void {
    this.host.logger.error(gap.accepted ? 'position gap accepted' : 'position gap: stopping', { ...gap, detail: describeGap(gap) });
    try {
      this.options.onPositionGap?.(gap);
    } catch (err) {
      this.host.logger.warn('onPositionGap threw', { error: errorMessage(err) });
    }
  }

  /** Delivers an empty batch that only moves the position past filtered records (in queue order). */
  private onFilteredBatch(topic: string, partition: number, nextOffset: number, highWatermark: number): void {
    this.working += 1;
    void this.queue
      .run(async () => {
        const key = tpKey(topic, partition);
        if (
          this.machine.state !== 'active' ||
          this.stopRequested ||
          this.membership.generationEnding ||
          !this.membership.owns(topic, partition)
        )
          return;
        const from = this.positions.get(key);
        if (!Number.isSafeInteger(nextOffset) || (from !== undefined && nextOffset <= from)) return;
        try {
          await this.handlers!.onBatch({ topic, partition, records: [], nextOffset, highWatermark });
          this.positions.set(key, nextOffset);
        } catch (err) {
          // Nothing to redeliver: the next batch of the partition moves the position anyway.
          this.host.logger.debug('onBatch of a position-only batch rejected', {
            groupId: this.options.groupId,
            topic,
            partition,
            error: errorMessage(err),
          });
        }
      })
      .finally(() => this.workDone());
  }

  private workDone(): void {
    this.working -= 1;
    this.lastActivityMs = this.host.options.now();
  }

  // ── stalls and zombies ───────────────────────────────────────────────────────────

  private startWatchdog(): void {
    const every = Math.max(10, Math.min(5_000, Math.floor(this.host.options.consumerStallTimeoutMs / 4)));
    this.watchdog = setInterval(() => void this.checkStalled(), every);
    this.watchdog.unref();
  }

  /** Public for tests: one watchdog look; true when it found the consumer stalled. */
  async checkStalled(): Promise<boolean> {
    const stallMs = this.host.options.consumerStallTimeoutMs;
    const quiet = () =>
      this.machine.state === 'active' &&
      !this.stopRequested &&
      this.working === 0 &&
      this.assigned.length > 0 &&
      this.host.options.now() - this.lastActivityMs >= stallMs;
    if (this.watchdogLooking || this.problem !== undefined || !quiet()) return false;
    this.watchdogLooking = true;
    const generation = this.counts.generations;
    let waiting: string[];
    try {
      waiting = await this.recordsWaiting();
    } catch (err) {
      // The broker does not answer: kafkajs's own retries (and crash) deal with that.
      this.host.logger.debug('stall check: end offsets unavailable', { groupId: this.options.groupId, error: errorMessage(err) });
      return false;
    } finally {
      this.watchdogLooking = false;
    }
    if (waiting.length === 0 || !quiet() || generation !== this.counts.generations || this.problem !== undefined) return false;
    const idleMs = this.host.options.now() - this.lastActivityMs;
    this.counts.stalls += 1;
    this.problem = `consumer of group "${this.options.groupId}" stalled: ${this.assigned.length} partition(s) assigned, no fetch for ${idleMs} ms while records wait on ${waiting.join(', ')}`;
    this.host.report(this, this.problem);
    this.host.logger.error('consumer stalled; giving up so that a new one is started', {
      groupId: this.options.groupId,
      idleMs,
      waiting,
      generation,
    });
    this.onGenerationGone('stalled', new KafkaLogError('GP_LOG_CONSUMER_STALLED', this.problem));
    return true;
  }

  /** Log start per `topic/partition` (planSeeks's keys) of the topics of `offsets`. */
  private async logStarts(offsets: readonly TopicPartitionOffset[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const topic of new Set(offsets.map((o) => o.topic)))
      for (const s of await this.host.startOffsets(topic)) out.set(`${topic}/${s.partition}`, s.offset);
    return out;
  }

  /** Assigned partitions whose end is past the next offset to deliver (or whose position is unknown and end > 0). */
  private async recordsWaiting(): Promise<string[]> {
    const assigned = this.assigned;
    const waiting: string[] = [];
    for (const topic of new Set(assigned.map((tp) => tp.topic))) {
      const ends = new Map((await this.host.endOffsets(topic)).map((e) => [e.partition, e.offset]));
      for (const tp of assigned) {
        if (tp.topic !== topic) continue;
        const end = ends.get(tp.partition) ?? 0;
        const at = this.positions.get(tpKey(tp.topic, tp.partition)) ?? 0;
        if (end > at) waiting.push(`${tp.topic}/${tp.partition} (${at} < ${end})`);
      }
    }
    return waiting;
  }

  /** kafkajs is still at work after stop() finished (a restart raced it): stop it again, loudly. */
  private reap(what: string): void {
    if (this.machine.state !== 'stopped' || !this.consumer || this.reaping) return;
    const now = Date.now();
    if (now - this.lastReapMs < 1_000) return;
    this.lastReapMs = now;
    this.counts.zombiesStopped += 1;
    this.problem = `consumer of group "${this.options.groupId}" was stopped, but its kafkajs consumer is still active (${what}); stopping it again`;
    this.host.report(this, this.problem);
    this.host.logger.error('kafkajs consumer active after stop(); disconnecting it', {
      groupId: this.options.groupId,
      what,
      times: this.counts.zombiesStopped,
    });
    this.reaping = this.consumer
      .disconnect()
      .catch((err: unknown) =>
        this.host.logger.warn('disconnecting a left-over kafkajs consumer failed', {
          groupId: this.options.groupId,
          error: errorMessage(err),
        }),
      )
      .finally(() => {
        this.reaping = undefined;
        this.problem = undefined;
        this.host.report(this, undefined);
      });
  }

  // ── generation lifecycle (inside the queue) ──────────────────────────────────────

  private async assign(assignment: TopicPartition[], join: number): Promise<void> {
    const state = this.machine.state;
    if (state === 'stopping' || state === 'stopped' || state === 'failed') return;
    // A rejoin kafkajs did without an event (unknown member id, stale metadata): the
    // previous generation still has to be revoked first.
    if (state === 'active') await this.revoke('late', 'rejoined without a rebalance event');
    this.machine.transitionTo('assigning');
    this.counts.generations += 1;
    this.assigned = assignment;
    this.positions.clear();
    this.membership.joined(assignment);
    let seeks: TopicPartitionOffset[];
    try {
      const chosen = (await this.handlers!.onAssigned?.(assignment.map((tp) => ({ ...tp })))) ?? [];
      const stored = chosen.filter((o) => assignment.some((tp) => tp.topic === o.topic && tp.partition === o.partition));
      for (const o of stored)
        if (!Number.isSafeInteger(o.offset) || o.offset < 0)
          throw new KafkaLogError('GP_LOG_INVALID_STATE', `onAssigned returned invalid offset ${o.offset} for ${o.topic}/${o.partition}`);
      // Compared with the log start (low watermark) before anything is fetched: kafkajs
      // would answer a position below it with a reset to the earliest offset.
      const plan = planSeeks(this.options.groupId, stored, await this.logStarts(stored), this.options.acceptPositionGaps);
      for (const gap of plan.gaps) this.reportGap(gap);
      if (plan.error) throw plan.error;
      this.fromStart.clear();
      for (const o of stored) if (o.offset === 0) this.fromStart.add(tpKey(o.topic, o.partition));
      seeks = plan.seeks;
    } catch (err) {
      this.fail(err);
      return;
    }
    for (const o of seeks) {
      // Takes effect on the next fetch; until then kafkajs marks already-fetched batches
      // of the partition stale (isStale), and deliver() drops them.
      this.consumer!.seek({ topic: o.topic, partition: o.partition, offset: String(o.offset) });
      this.positions.set(tpKey(o.topic, o.partition), o.offset);
    }
    // Not when kafkajs joined again meanwhile: the newer assignment's partitions wait for its own check.
    if (join === this.joins) this.consumer!.resume(byTopic(assignment));
    this.machine.transitionTo('active');
    this.lastActivityMs = this.host.options.now();
    this.host.logger.info('partitions assigned', {
      groupId: this.options.groupId,
      generation: this.counts.generations,
      partitions: assignment.map((tp) => `${tp.topic}/${tp.partition}`),
      seeks: seeks.length,
    });
    this.firstAssignment.resolve();
  }

  private async revoke(kind: RevocationKind, reason: string): Promise<void> {
    this.machine.transitionTo('revoking');
    const partitions = this.assigned;
    if (kind === 'late') this.membership.lost();
    this.counts.revocations[kind] += 1;
    this.host.logger.info('partitions revoked', {
      groupId: this.options.groupId,
      kind,
      reason,
      partitions: partitions.map((tp) => `${tp.topic}/${tp.partition}`),
    });
    if (partitions.length > 0 && this.handlers?.onRevoked) {
      try {
        await this.handlers.onRevoked(partitions.map((tp) => ({ ...tp })));
      } catch (err) {
        this.revokeError = err;
        this.host.logger.error('onRevoked rejected', { groupId: this.options.groupId, error: errorMessage(err) });
      }
    }
    this.membership.lost();
    this.assigned = [];
    this.positions.clear();
    this.machine.transitionTo('revoked');
  }

  /** onAssigned threw, or kafkajs gave up: deliver nothing more and leave the group. */
  private fail(err: unknown): void {
    this.machine.transitionTo('failed');
    this.membership.lost();
    this.assigned = [];
    this.host.logger.error('consumer failed; leaving the group', { groupId: this.options.groupId, error: errorMessage(err) });
    this.firstAssignment.reject(err);
    // Not awaited: kafkajs's stop waits for the batch in flight, which waits for this queue.
    void this.consumer?.stop().catch(() => undefined);
    if (!this.stopRequested) {
      try {
        this.handlers?.onFailed?.(err);
      } catch (e) {
        this.host.logger.error('onFailed threw', { groupId: this.options.groupId, error: errorMessage(e) });
      }
    }
  }

  private async doStop(): Promise<void> {
    if (this.machine.state === 'created') {
      this.machine.transitionTo('stopped');
      return;
    }
    this.revokeError = undefined;
    await this.queue.run(async () => {
      if (this.machine.state === 'active') await this.revoke('stop', 'stop()');
      if (this.machine.can('stopping')) this.machine.transitionTo('stopping');
    });
    await this.release();
    // run() waiting for a first assignment that will never come: it ends with the consumer.
    this.firstAssignment.resolve();
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows, unchanged, what the application's onRevoked threw
    if (this.revokeError !== undefined) throw this.revokeError;
  }

  /** Leaves the group and disconnects (kafkajs finishes its fetch in flight; deliver() drops it). */
  private async release(): Promise<void> {
    if (this.machine.can('stopping')) this.machine.transitionTo('stopping');
    clearInterval(this.watchdog);
    try {
      await this.consumer?.disconnect();
    } catch (err) {
      this.host.logger.warn('consumer disconnect failed', { groupId: this.options.groupId, error: errorMessage(err) });
    }
    for (const u of this.unlisten.splice(0)) u();
    if (this.machine.can('stopped')) this.machine.transitionTo('stopped');
    this.problem = undefined;
    this.host.report(this, undefined);
    this.host.track(this, false);
  }

  // ── delivery ─────────────────────────────────────────────────────────────────────

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    if (this.machine.state === 'stopped') {
      this.reap('it fetched a batch');
      // Ends that kafkajs run for good: `retriable: false` is what kafkajs's retrier and
      // crash handler look at, and restartOnFailure says no anyway. (Not kafkajs's own
      // error class: Node's ESM loader does not see it as a named export of kafkajs.)
      throw Object.assign(new KafkaLogError('GP_LOG_CLOSED', `consumer of group "${this.options.groupId}" was stopped`), {
        retriable: false,
      });
    }
    this.working += 1;
    // Waiting for onAssigned or another batch's onBatch: keep the membership alive.
    const stopPump = this.membership.pump(payload);
    try {
      await this.queue.run(() => {
        stopPump();
        return this.deliver(payload);
      });
    } finally {
      stopPump();
      this.workDone();
    }
  }

  private async deliver(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const key = tpKey(batch.topic, batch.partition);
    // Not delivered and not resolved: fetched again by whoever owns the partition next.
    const owns = () => this.membership.owns(batch.topic, batch.partition);
    if (this.machine.state !== 'active' || this.stopRequested || !owns() || payload.isStale() || !payload.isRunning()) return;
    if (!this.membership.generationEnding) {
      const from = this.positions.get(key);
      const messages = from === undefined ? batch.messages : batch.messages.filter((m) => Number(m.offset) >= from);
      if (messages.length === 0 && from !== undefined) payload.resolveOffset(String(from - 1));
      // nextOffset of the last chunk is past the fetched data, including trailing
      // transaction markers; offsets are never assumed dense.
      const batchNext = Number(batch.lastOffset()) + 1;
      for (let i = 0; i < messages.length; i += this.maxBatchRecords) {
        const chunk = messages.slice(i, i + this.maxBatchRecords);
        const following = messages[i + this.maxBatchRecords];
        const partitionBatch: PartitionBatch = {
          topic: batch.topic,
          partition: batch.partition,
          records: chunk.map((m) => toConsumed(batch.topic, batch.partition, m)),
          nextOffset: following ? Number(following.offset) : batchNext,
          highWatermark: Number(batch.highWatermark),
        };
        if (!(await this.handOver(partitionBatch, payload))) break;
        // resolveOffset(o) makes the next fetch start at o + 1.
        payload.resolveOffset(String(partitionBatch.nextOffset - 1));
        this.positions.set(key, partitionBatch.nextOffset);
        if (this.membership.generationEnding || this.stopRequested || !owns()) break;
      }
      await this.membership.heartbeat(payload);
    }
    const taken = this.machine.state === 'active' ? this.membership.takeEnding() : undefined;
    if (taken) {
      // 'before-rejoin' only while the coordinator is still waiting for us (the lease).
      await this.revoke(
        taken.stillOwned ? 'before-rejoin' : 'late',
        taken.stillOwned ? 'heartbeat: rebalance in progress' : 'heartbeat: membership lost or rejoin deadline passed',
      );
      // kafkajs rejoins on this error exactly as if its own heartbeat had seen it.
      throw taken.ending.error;
    }
  }

  /** onBatch until it resolves (true), or until the partition is being given up (false: redelivered later). */
  private async handOver(batch: PartitionBatch, payload: EachBatchPayload): Promise<boolean> {
    let backoffMs = this.host.options.consumerRetryBackoffMs;
    for (;;) {
      const stopPump = this.membership.pump(payload);
      try {
        await this.handlers!.onBatch(batch);
        return true;
      } catch (err) {
        this.counts.handlerFailures += 1;
        this.host.logger.warn('onBatch rejected; delivering the batch again', {
          groupId: this.options.groupId,
          topic: batch.topic,
          partition: batch.partition,
          firstOffset: batch.records[0]?.offset,
          retryInMs: backoffMs,
          error: errorMessage(err),
        });
      } finally {
        stopPump();
      }
      const giveUp = () =>
        this.stopRequested ||
        this.membership.generationEnding !== undefined ||
        this.machine.state !== 'active' ||
        !payload.isRunning() ||
        !this.membership.owns(batch.topic, batch.partition);
      if (giveUp()) return false;
      await this.sleepWhileMember(backoffMs, payload, giveUp);
      if (giveUp()) return false;
      backoffMs = Math.min(backoffMs * 2, MAX_RETRY_BACKOFF_MS);
    }
  }

  private async sleepWhileMember(ms: number, payload: EachBatchPayload, giveUp: () => boolean): Promise<void> {
    const stopPump = this.membership.pump(payload);
    const until = Date.now() + ms;
    try {
      while (Date.now() < until && !giveUp()) await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
    } finally {
      stopPump();
    }
  }
}
