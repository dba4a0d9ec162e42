export { createSimulator, profileFor, type Simulator, type SimulatorStats, type PlayerOutcome } from './simulator.ts';
export { resolveSimulatorOptions, type SimulatorOptions } from './options.ts';
export { Ledger, WINDOW_MS, type LedgerTotals, type TrackedFact } from './ledger.ts';
export { createRandom, type Random } from './random.ts';
export { createVirtualClock, createRealtimeClock, type SimClock } from './sim-clock.ts';
export type { GameClient, InstallProfile } from './game-client.ts';
export { EXPERIMENT, CONCURRENT_EXPERIMENTS, COUNTRIES, type ExperimentConfig, type ExperimentVariant } from './catalog.ts';
export { assignVariant, sessionRate, DECLINE_FLOOR, type Lifecycle } from './player.ts';
export {
  resolveIncidents,
  largestPrice,
  actorEveryMs,
  INCIDENT_DEFAULTS,
  type IncidentSpec,
  type IncidentKind,
  type IncidentWindow,
  type IncidentTruth,
  type ResolvedIncident,
  type DauDropIncident,
  type FraudIncident,
  type ExploitIncident,
  type BadReleaseIncident,
  type CollectorSlowdownIncident,
  type RefundBurstIncident,
} from './incidents.ts';
export {
  resolveSeasonality,
  seasonalMultiplier,
  dailyMultiplier,
  weeklyMultiplier,
  maxSeasonalMultiplier,
  seasonalPlayersAt,
  DEFAULT_SEASONALITY,
  type SeasonalityOptions,
  type ResolvedSeasonality,
} from './seasonality.ts';
