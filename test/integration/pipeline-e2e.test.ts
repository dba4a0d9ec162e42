/**
 * End to end on the embedded default, with real processes: simulated players drive the
 * real SDK (HTTP and gRPC) → collector process → embedded durable log → processor
 * process → DuckDB, with re-sends and two processor kill -9s; the store's totals must
 * equal the simulator's independent ledger exactly. The same scenario runs on real
 * Kafka in kafka-pipeline-e2e.test.ts (support/e2e-scenario.ts).
 */
import { describeE2eScenario } from './support/e2e-scenario.ts';
import { seedsFromEnv } from './support/seed-report.ts';

// GP_E2E_SEED=s runs seed s, GP_E2E_SEEDS=N runs e2e-1 … e2e-N (npm run test:seeds); default e2e-1.
for (const seed of seedsFromEnv('e2e', 'GP_E2E_SEED', 'GP_E2E_SEEDS', 1)) describeE2eScenario({ kind: 'embedded', seed, players: 160 });
