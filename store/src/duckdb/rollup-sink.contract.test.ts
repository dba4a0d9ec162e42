/** DuckDB passes the `RollupSink` contract (the `MemorySink` stand-in passes the same suite). */
import { describeRollupSinkContract } from '@gamepulse/testkit/contracts';
import { openDuckDbStore } from './duckdb-store.ts';

describeRollupSinkContract('DuckDB', async () => {
  const store = await openDuckDbStore({ path: ':memory:' });
  return {
    sink: store,
    counts: async () => {
      const [row] = await store.sql(
        `SELECT (SELECT count(*) FROM rollups) AS rollups, (SELECT count(*) FROM player_windows) AS players, (SELECT count(*) FROM dead_letters) AS dead_letters`,
      );
      return { rollups: Number(row!.rollups), players: Number(row!.players), deadLetters: Number(row!.dead_letters) };
    },
    cleanup: () => store.close(),
  };
});
