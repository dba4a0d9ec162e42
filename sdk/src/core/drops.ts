/**
 * Counts of events the SDK dropped, by reason code. Two views: the running total for
 * `stats()`, and the part not yet reported to the collector, which travels in the next
 * batch's `sdk_health` so the backend can compute delivery rates per build.
 *
 * Unreported counts move into a batch when it is built (not when it is acknowledged),
 * so two batches in the pipeline never carry the same drops and the backend can sum
 * them. If that batch is rejected for good, its counts are put back.
 */
export type DropCounts = Record<string, number>;

export class DropCounter {
  private readonly total: DropCounts = {};
  private unreported: DropCounts = {};

  add(reason: string, count = 1): void {
    this.total[reason] = (this.total[reason] ?? 0) + count;
    this.unreported[reason] = (this.unreported[reason] ?? 0) + count;
  }

  totals(): DropCounts {
    return { ...this.total };
  }

  /** Hands over the unreported counts (for a batch being built) and starts afresh. */
  takeUnreported(): DropCounts {
    const taken = this.unreported;
    this.unreported = {};
    return taken;
  }

  /** Returns counts taken for a batch that never reached the collector. */
  restore(counts: DropCounts): void {
    for (const [reason, n] of Object.entries(counts)) this.unreported[reason] = (this.unreported[reason] ?? 0) + n;
  }
}
