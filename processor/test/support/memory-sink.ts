/**
 * An in-memory `RollupSink` for unit tests: all-or-nothing commits (the whole commit is
 * validated, then applied), and failure injection. Integration tests use DuckDB.
 */
import type { Checkpoint, Position, RollupCommit, RollupSink, StateEntry } from '@gamepulse/store';
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
      positions: [...this.positions.entries()].filter(([k, p]) => k.startsWith(consumer + '|') && want(p.partition)).map(([, p]) => ({ ...p })),
      state: [...this.state.entries()].filter(([k, e]) => k.startsWith(consumer + '|') && want(e.partition)).map(([, e]) => ({ ...e })),
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
    // The compare-and-set of DuckDbStore: the writer must start from what is stored.
    for (const e of c.expectedPositions ?? []) {
      const stored = this.positions.get(`${c.consumer}|${e.topic}|${e.partition}`)?.offset ?? 0;
      if (stored !== e.offset) throw new Error(`position conflict on ${e.topic}/${e.partition}: expected ${e.offset}, stored ${stored}`);
    }
    this.rollups.push(...c.rollups.map((r) => ({ ...r })));
    this.players.push(...c.players.map((p) => ({ ...p })));
    this.deadLetters.push(...c.deadLetters);
    for (const p of c.positions) this.positions.set(`${c.consumer}|${p.topic}|${p.partition}`, { ...p });
    for (const e of c.state) {
      const key = `${c.consumer}|${e.partition}|${e.namespace}|${e.key}`;
      if (e.value === undefined) this.state.delete(key);
      else this.state.set(key, { ...e, value: new Uint8Array(e.value) });
    }
    this.commits += 1;
  }

  positionOf(consumer: string, topic: string, partition: number): number | undefined {
    return this.positions.get(`${consumer}|${topic}|${partition}`)?.offset;
  }
}
