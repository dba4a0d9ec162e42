/**
 * @gamepulse/testkit/contracts — the contract suites (vitest) that a real implementation
 * and its stand-in both pass. Kept out of the main entry: importing them registers
 * nothing, but they import vitest, which benches and scripts using the main entry do not load.
 */
export { describeLogContract, type LogUnderTest, type LogContractOptions } from './log-contract.ts';
export { describeRollupSinkContract, type RollupSinkUnderTest, type SinkCounts } from './rollup-sink-contract.ts';
