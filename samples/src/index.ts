/** @gamepulse/samples — the player simulator (and, beside it, example games). */

export {
  createSimulator,
  Ledger,
  WINDOW_MS,
  createRandom,
  createVirtualClock,
  createRealtimeClock,
  profileFor,
  EXPERIMENT,
  CONCURRENT_EXPERIMENTS,
  assignVariant,
  sessionRate,
  DECLINE_FLOOR,
} from './simulator/index.ts';
export type {
  Simulator,
  SimulatorStats,
  SimulatorOptions,
  PlayerOutcome,
  Lifecycle,
  LedgerTotals,
  TrackedFact,
  GameClient,
  InstallProfile,
  SimClock,
  Random,
  ExperimentConfig,
  ExperimentVariant,
} from './simulator/index.ts';
