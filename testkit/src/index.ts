/**
 * @gamepulse/testkit — what tests and benches share: seeded randomness, waiting on a
 * condition, temp dirs and logs, synthetic store rows, simulated players on the SDK, and
 * the stand-ins that pass the same contract suites as the real implementations
 * (`MemoryLog`: the `Log` contract; `MemorySink`: the `RollupSink` contract).
 * Test-only: packages list it in devDependencies, never in dependencies.
 *
 * Subpaths, kept out of this entry because of what they load or start:
 *   @gamepulse/testkit/contracts  the contract suites (vitest)
 *   @gamepulse/testkit/collector  the real collector in-process (startRealCollector)
 *   @gamepulse/testkit/browser    Chromium + esbuild rig (playwright-core)
 *   @gamepulse/testkit/pipeline   the pipeline as processes, store-vs-ledger checks
 */
export { mulberry32, seededRandom, type Random } from './random.ts';
export { until, sleep, type UntilOptions } from './wait.ts';
export { makeTempDir, tempDirs, openTempLog, type TempDir, type TempLog, type TempLogOptions } from './temp-dir.ts';
export { freePort } from './ports.ts';
export { readTopic } from './read-topic.ts';
export { FakeClock } from './fake-clock.ts';
export { MemoryLog, type MemoryLogOptions } from './memory-log.ts';
export { MemorySink } from './memory-sink.ts';
export { simPlayerSdkOptions, mixedTransport, recentUtcMidnight, type SimPlayerSdkOptions } from './sim-sdk.ts';
export {
  MINUTE_MS,
  DAY_MS,
  GAMES,
  BUILDS,
  PLATFORMS,
  COUNTRIES,
  CURRENCIES,
  VIRTUAL,
  LEVELS,
  VARIANTS,
  EVENT_TYPES,
  type DataShape,
  randomRollup,
  randomPlayerWindow,
  randomRollups,
  randomPlayerWindows,
  sampleCommit,
} from './rollup-data.ts';
export {
  seasonalRollupHistory,
  poisson,
  HISTORY_RATES,
  type HistoryRates,
  type SeasonalHistory,
  type SeasonalHistoryOptions,
} from './seasonal-history.ts';
