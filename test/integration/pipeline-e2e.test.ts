/**
 * End to end on the embedded default, with real processes: simulated players drive the
 * real SDK (HTTP and gRPC) → collector process → embedded durable log → processor
 * process → DuckDB, with re-sends and two processor kill -9s; the store's totals must
 * equal the simulator's independent ledger exactly. The same scenario runs on real
 * Kafka in kafka-pipeline-e2e.test.ts (support/e2e-scenario.ts).
 */
import { describeE2eScenario } from './support/e2e-scenario.ts';

describeE2eScenario({ kind: 'embedded', seed: process.env.GP_E2E_SEED ?? 'e2e-1', players: 160 });
