/**
 * The end-to-end exactly-once scenario of pipeline-e2e.test.ts, on real Apache Kafka:
 * simulated players over the real SDK → collector (KafkaLog) → Kafka → processor (one
 * transaction per input partition: rollups + changelog + offsets) → rollups topic →
 * loader → DuckDB, with re-sends and two processor kill -9s; the store's totals must
 * equal the simulator's ledger exactly. This file starts its own broker (ports
 * 29392/29393, data dir .data/kafka-e2e-it) and stops it at the end.
 */
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { DEFAULT_KAFKA_VERSION, stopKafka, type KafkaOptions } from '../../scripts/engines/kafka.ts';
import { describeE2eScenario } from './support/e2e-scenario.ts';
import { seedsFromEnv } from './support/seed-report.ts';

const broker: KafkaOptions = {
  port: 29392,
  controllerPort: 29393,
  dataDir: join(resolve(import.meta.dirname, '../..'), '.data', 'kafka-e2e-it', DEFAULT_KAFKA_VERSION),
  heapMb: 768,
};

// 100 players (the embedded run has 160): every batch costs an acks=all round trip to
// the broker, and the Kafka suite shares CI's 90 minutes with Druid and Chromium.
// GP_E2E_SEED=s runs seed s, GP_E2E_SEEDS=N runs e2e-1 … e2e-N (npm run test:seeds); default e2e-1.
for (const seed of seedsFromEnv('e2e', 'GP_E2E_SEED', 'GP_E2E_SEEDS', 1))
  describeE2eScenario({
    kind: 'kafka',
    seed,
    players: Number(process.env.GP_E2E_KAFKA_PLAYERS ?? 100),
    broker,
  });

afterAll(async () => {
  await stopKafka({ ...broker, log: () => undefined });
}, 120_000);
