/** @gamepulse/service — what every gamepulse process shares: config, errors, logs, metrics, health, shutdown, and the bootstrap that runs them (runService). */
export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export { createRegistry, registerOnce, Counter, Gauge, Histogram, Registry, LATENCY_BUCKETS_S } from './metrics.ts';
export { handleOps, startOpsServer, type OpsOptions, type OpsServer, type ReadinessCheck } from './ops-server.ts';
export { createShutdown, type Shutdown, type ShutdownStep } from './shutdown.ts';
export {
  loadConfig,
  describeConfig,
  ConfigError,
  CONFIG_ERRORS,
  type ConfigSpec,
  type ConfigOf,
  type FieldSpec,
  type LoadConfigOptions,
} from './config.ts';
export {
  defineErrors,
  errorTableMarkdown,
  GamepulseError,
  GRPC_STATUS,
  grpcStatusName,
  isGamepulseError,
  registeredErrorTables,
  type ErrorDefinition,
  type ErrorSpec,
  type ErrorTable,
  type ErrorTableOptions,
  type GamepulseErrorOptions,
  type GrpcStatusCode,
  type GrpcStatusName,
  type RegisteredErrorTable,
} from './errors.ts';
export {
  runService,
  configFileFrom,
  type RunServiceOptions,
  type RunningRole,
  type ServiceContext,
  type ConfigSource,
} from './run-service.ts';
