/** The `MemorySink` stand-in passes the `RollupSink` contract that DuckDB passes. */
import { describeRollupSinkContract } from './contracts/rollup-sink-contract.ts';
import { MemorySink } from './memory-sink.ts';

describeRollupSinkContract('MemorySink (stand-in)', async () => {
  const sink = new MemorySink();
  return {
    sink,
    counts: async () => ({ rollups: sink.rollups.length, players: sink.players.length, deadLetters: sink.deadLetters.length }),
    cleanup: async () => undefined,
  };
});
