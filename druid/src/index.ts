/**
 * @gamepulse/druid — what is Apache Druid's: the `Store` engine over Druid SQL and the
 * ingestion side (supervisor specs, submission, reindex/deletion jobs in `ingestion/`).
 */
export {
  openDruidStore,
  DruidStore,
  druidParameter,
  fromDruidResponse,
  type DruidStoreOptions,
  type DruidParameter,
} from './engine/index.ts';
