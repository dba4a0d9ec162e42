/**
 * An in-memory `RollupSink`, for unit tests that must run without engines. It passes
 * the same `RollupSink` contract suite as DuckDB (`describeRollupSinkContract`,
 * @gamepulse/testkit/contracts): all-or-nothing commits (the whole commit is checked,
 * then applied), positions and state per consumer, the compare-and-set of
 * `expectedPositions` (GP_STORE_POSITION_CONFLICT), positions that go backwards refused
 * (GP_STORE_POSITION_REGRESSED), a topic-partition listed twice refused
 * (GP_STORE_BAD_ROW), an empty commit a no-op. Integration tests use DuckDB.
 *
 * Extra for tests: the committed rows as arrays, counters, and failure injection
 * (`failCommits`, `failLoads`, `holdCommits`).
 */
import { AnalyticsError, type Checkpoint, type Position, type RollupCommit, type RollupSink, type StateEntry } from '@gamepulse/store';
import type { DeadLetterData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';

export class MemorySink implements RollupSink {
  rollups: RollupRowData[] = [];
  players: PlayerWindowData[] = [];
  deadLetters: DeadLetterData[] = [];
  commits = 0;
  private readonly positions = new Map<string, Position>();
  private readonly state = new Map<string, StateEntry>();
  /** Commits to fail from now on (each failing one decrements). */
  failCommits = 0;
  failLoads = 0;
  /** While set, commits wait for it (a slow write), then fail or apply as usual. */
  private hold: Promise<void> | undefined;
  /** Commits that started writing (including held and failed ones). */
  started = 0;
  /** The input positions of the last commit that started writing. */
  startedPositions: Position[] = [];

  /** Makes commits wait (a slow write) until the returned function is called. */
  holdCommits(): () => void {
    let release!: () => void;
    this.hold = new Promise<void>((r) => (release = r));
    return () => {
      this.hold = undefined;
      release();
    };
  }

  async loadCheckpoint(consumer: string, partitions?: number[]): Promise<Checkpoint> {
    if (this.failLoads > 0) {
      this.failLoads -= 1;
      throw new Error('injected loadCheckpoint failure');
    }
    const want = (p: number) => !partitions || partitions.includes(p);
    return {
      positions: [...this.positions.entries()]
        .filter(([k, p]) => k.startsWith(consumer + '|') && want(p.partition))
        .map(([, p]) => ({ ...p })),
      state: [...this.state.entries()]
        .filter(([k, e]) => k.startsWith(consumer + '|') && want(e.partition))
        .map(([, e]) => ({ ...e, value: new Uint8Array(e.value!) })),
    };
  }

  async commit(c: RollupCommit): Promise<void> {
    this.started += 1;
    this.startedPositions = c.positions.map((p) => ({ ...p }));
    await Promise.resolve(); // a real sink answers asynchronously
    await this.hold;
    if (this.failCommits > 0) {
      this.failCommits -= 1;
      throw new Error('injected commit failure');
    }
    if (!isEmpty(c)) {
      this.check(c);
      this.rollups.push(...c.rollups.map((r) => ({ ...r })));
      this.players.push(...c.players.map((p) => ({ ...p })));
      this.deadLetters.push(...(c.deadLetters ?? []));
      for (const p of c.positions) this.positions.set(this.positionKey(c.consumer, p), { ...p });
      for (const e of c.state) {
        const key = `${c.consumer}|${e.partition}|${e.namespace}|${e.key}`;
        if (e.value === undefined) this.state.delete(key);
        else this.state.set(key, { ...e, value: new Uint8Array(e.value) });
      }
    }
    this.commits += 1;
  }

  positionOf(consumer: string, topic: string, partition: number): number | undefined {
    return this.positions.get(`${consumer}|${topic}|${partition}`)?.offset;
  }

  private positionKey(consumer: string, p: Position): string {
    return `${consumer}|${p.topic}|${p.partition}`;
  }

  /** DuckDB's checks (store/src/duckdb/commit.ts), in its order; throws before anything is applied. */
  private check(c: RollupCommit): void {
    const seen = new Set<string>();
    for (const p of c.positions) {
      const key = this.positionKey(c.consumer, p);
      if (seen.has(key))
        throw new AnalyticsError('GP_STORE_BAD_ROW', `position for ${p.topic}/${p.partition} listed twice in one commit`, {
          context: { topic: p.topic, partition: p.partition },
        });
      seen.add(key);
    }
    for (const e of c.expectedPositions ?? []) {
      const stored = this.positions.get(this.positionKey(c.consumer, e))?.offset ?? 0;
      if (stored !== e.offset) {
        throw new AnalyticsError(
          'GP_STORE_POSITION_CONFLICT',
          `position conflict on ${e.topic}/${e.partition}: expected ${e.offset}, stored ${stored}`,
          {
            context: { consumer: c.consumer, topic: e.topic, partition: e.partition, expected: e.offset, stored },
          },
        );
      }
    }
    for (const p of c.positions) {
      const stored = this.positions.get(this.positionKey(c.consumer, p))?.offset;
      if (stored !== undefined && p.offset < stored) {
        throw new AnalyticsError(
          'GP_STORE_POSITION_REGRESSED',
          `${c.consumer} committed ${p.topic}/${p.partition} at offset ${p.offset}, behind the stored ${stored}`,
          {
            context: { consumer: c.consumer, topic: p.topic, partition: p.partition, offset: p.offset, stored },
          },
        );
      }
    }
  }
}

function isEmpty(c: RollupCommit): boolean {
  return c.rollups.length + c.players.length + c.positions.length + c.state.length + (c.deadLetters?.length ?? 0) === 0;
}
