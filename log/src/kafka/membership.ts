/**
 * What a consumer-group member may assume about owning its partitions, from what its
 * heartbeats said. kafkajs rejoins and reassigns on its own; this is the consumer's
 * own, conservative view, used to refuse commits of partitions others may own and to
 * tell whether a revocation happened before anyone else could own them.
 *
 * Ownership is a lease: it ends sessionTimeoutMs after the last successful heartbeat
 * (the coordinator evicts silent members), and once a rebalance was noticed,
 * rebalanceTimeoutMs after that (the coordinator drops members that do not rejoin in
 * time and hands their partitions to others). Both keep a margin of heartbeat intervals,
 * because the coordinator's timers start before this member hears about them, and both
 * assume every member of the group uses the same timeouts (the coordinator uses the
 * largest rebalance timeout among members, the session timeout of each member).
 */
import type { EachBatchPayload } from 'kafkajs';
import type { TopicPartition } from '../types.ts';
import { membershipSignal, type MembershipSignal } from './errors.ts';

export const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export interface MembershipTimeouts {
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
}

export interface GenerationEnding {
  /** 'rebalance': the coordinator waits for this member; 'lost': it may not. */
  signal: Exclude<MembershipSignal, 'none'>;
  /** The kafkajs error, rethrown to kafkajs so it rejoins as if its own heartbeat saw it. */
  error: unknown;
}

export class Membership {
  private readonly owned = new Set<string>();
  private lastHeartbeatOkMs = 0;
  private rebalanceSeenMs: number | undefined;
  private ending: GenerationEnding | undefined;

  constructor(
    private readonly t: MembershipTimeouts,
    private readonly now: () => number,
    private readonly onHeartbeatError: (err: unknown) => void = () => {},
  ) {}

  /** A generation started with these partitions (a join also counts as a heartbeat). */
  joined(partitions: readonly TopicPartition[]): void {
    this.owned.clear();
    for (const tp of partitions) this.owned.add(tpKey(tp.topic, tp.partition));
    this.lastHeartbeatOkMs = this.now();
    this.rebalanceSeenMs = undefined;
    this.ending = undefined;
  }

  /** Others may own the partitions from now on. */
  lost(): void {
    this.owned.clear();
  }

  heartbeatSucceeded(): void {
    this.lastHeartbeatOkMs = this.now();
  }

  owns(topic: string, partition: number): boolean {
    if (!this.owned.has(tpKey(topic, partition))) return false;
    if (this.now() < this.leaseEndsMs()) return true;
    this.owned.clear();
    return false;
  }

  /** A heartbeat said this generation is ending; acted on when the current batch is done. */
  get generationEnding(): GenerationEnding | undefined {
    return this.ending;
  }

  /** Takes the ending signal, and whether the coordinator is still waiting for this member to rejoin. */
  takeEnding(): { ending: GenerationEnding; stillOwned: boolean } | undefined {
    const ending = this.ending;
    if (!ending) return undefined;
    this.ending = undefined;
    return { ending, stillOwned: ending.signal === 'rebalance' && this.owned.size > 0 && this.now() < this.leaseEndsMs() };
  }

  leaseEndsMs(): number {
    const { sessionTimeoutMs, rebalanceTimeoutMs, heartbeatIntervalMs } = this.t;
    const session = this.lastHeartbeatOkMs + sessionTimeoutMs - heartbeatIntervalMs;
    const rejoin = this.rebalanceSeenMs === undefined ? Infinity : this.rebalanceSeenMs + rebalanceTimeoutMs - 2 * heartbeatIntervalMs;
    return Math.min(session, rejoin);
  }

  /** kafkajs sends a heartbeat only when heartbeatIntervalMs passed since the last success. */
  async heartbeat(payload: Pick<EachBatchPayload, 'heartbeat'>): Promise<void> {
    try {
      await payload.heartbeat();
      // Resolved: one was sent now, or one succeeded within the interval.
      this.heartbeatSucceeded();
    } catch (err) {
      const signal = membershipSignal(err);
      if (signal === 'none') return this.onHeartbeatError(err);
      if (signal === 'lost') this.owned.clear();
      if (signal === 'rebalance') this.rebalanceSeenMs ??= this.now();
      this.ending ??= { signal, error: err };
    }
  }

  /** Heartbeats every heartbeatIntervalMs (a long onBatch, or waiting for one) until the returned function is called. */
  pump(payload: Pick<EachBatchPayload, 'heartbeat'>): () => void {
    const timer = setInterval(() => void this.heartbeat(payload), this.t.heartbeatIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
