/**
 * The Kafka supervisor specs of the rollups topic, as kept in this folder (one JSON
 * file per datasource, reviewed like code), with the deployment's settings applied:
 * brokers, topic, datasource names, task timing. Four datasources from one topic,
 * told apart by the record's `kind` (proto/src/rollups-topic.ts):
 *
 * | datasource | kind | grain | for |
 * |---|---|---|---|
 * | gamepulse_rollups | rollup | minute | counts and sums: events, revenue, economy, progression, sessions |
 * | gamepulse_players | player | minute | players per minute window: online now, intraday actives |
 * | gamepulse_player_days | player | day | the same rolled up to one row per player and UTC day: DAU/WAU/MAU, retention, conversion, A/B |
 * | gamepulse_player_steps | step | minute | per player and step key the earliest time (longMin first_ms): player funnels |
 *
 * player_id is a dimension of both, and unique players are HLL sketches built at query
 * time (APPROX_COUNT_DISTINCT_DS_HLL(player_id)): sketch columns built at ingestion
 * (HLLSketchBuild) vanish from Druid 33's SQL schema as soon as a realtime task has
 * persisted part of its data (apache/druid#14315; fixed after 33). The day datasource
 * keeps that affordable: one row per active player per day and dimension set. The full
 * reasoning is in druid/README.md ("Datasources").
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Which spec file: the keys are also the KPI library's table names (`Dialect.table`). */
export type DatasourceRole = 'rollups' | 'players' | 'playerDays' | 'steps';

export const SPEC_FILES: Record<DatasourceRole, string> = {
  rollups: 'gamepulse_rollups.supervisor.json',
  players: 'gamepulse_players.supervisor.json',
  playerDays: 'gamepulse_player_days.supervisor.json',
  steps: 'gamepulse_player_steps.supervisor.json',
};

export interface IngestionOptions {
  /** Kafka bootstrap servers as Druid's indexer reaches them. @default GAMEPULSE_KAFKA_BROKERS or '127.0.0.1:9092' */
  bootstrapServers?: string;
  /** @default `${GAMEPULSE_TOPIC_PREFIX ?? 'gamepulse'}.rollups.v1` */
  topic?: string;
  /** Datasource (and supervisor id) per role. @default the names in the spec files */
  datasources?: Partial<Record<DatasourceRole, string>>;
  /**
   * How long a reading task reads before it publishes its segments (ISO 8601 period).
   * Data is queryable while being read; this only sets when segments are handed off to
   * historicals. Tests use PT1M (scripts/engines/druid/DRUID.md). @default GAMEPULSE_DRUID_TASK_DURATION or the spec's PT1H
   */
  taskDuration?: string;
  /** How long publishing may take before the task is killed. @default GAMEPULSE_DRUID_COMPLETION_TIMEOUT or the spec's PT30M */
  completionTimeout?: string;
  /** Reading tasks per datasource (≤ topic partitions). @default the spec's 1 */
  taskCount?: number;
}

export interface SupervisorSpec {
  type: 'kafka';
  spec: {
    dataSchema: { dataSource: string } & Record<string, unknown>;
    ioConfig: Record<string, unknown> & { topic: string; consumerProperties: Record<string, string> };
    tuningConfig: Record<string, unknown>;
  };
}

export function readSpecFile(role: DatasourceRole): SupervisorSpec {
  return JSON.parse(readFileSync(join(HERE, SPEC_FILES[role]), 'utf8')) as SupervisorSpec;
}

/** The specs with the options applied, in submission order. */
export function supervisorSpecs(options: IngestionOptions = {}): Array<{ role: DatasourceRole; spec: SupervisorSpec }> {
  const env = process.env;
  const bootstrap = options.bootstrapServers ?? env.GAMEPULSE_KAFKA_BROKERS ?? '127.0.0.1:9092';
  const topic = options.topic ?? `${env.GAMEPULSE_TOPIC_PREFIX ?? 'gamepulse'}.rollups.v1`;
  const taskDuration = options.taskDuration ?? env.GAMEPULSE_DRUID_TASK_DURATION;
  const completionTimeout = options.completionTimeout ?? env.GAMEPULSE_DRUID_COMPLETION_TIMEOUT;
  return (Object.keys(SPEC_FILES) as DatasourceRole[]).map((role) => {
    const spec = readSpecFile(role);
    const { dataSchema, ioConfig } = spec.spec;
    dataSchema.dataSource = options.datasources?.[role] ?? dataSchema.dataSource;
    ioConfig.topic = topic;
    // read_committed stays whatever the options: the processor writes this topic in
    // Kafka transactions, and an aborted transaction's rows must never be counted.
    ioConfig.consumerProperties = { ...ioConfig.consumerProperties, 'bootstrap.servers': bootstrap, 'isolation.level': 'read_committed' };
    if (taskDuration) ioConfig.taskDuration = taskDuration;
    if (completionTimeout) ioConfig.completionTimeout = completionTimeout;
    if (options.taskCount !== undefined) ioConfig.taskCount = options.taskCount;
    return { role, spec };
  });
}

/** Datasource names per role after options: what the Druid dialect must query. */
export function datasourceNames(options: IngestionOptions = {}): Record<DatasourceRole, string> {
  const out = {} as Record<DatasourceRole, string>;
  for (const { role, spec } of supervisorSpecs(options)) out[role] = spec.spec.dataSchema.dataSource;
  return out;
}
