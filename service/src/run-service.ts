/**
 * The bootstrap every gamepulse process shares, so a process main only declares its
 * name, how its configuration loads and how its role starts:
 *
 *   1. the JSON logger (`service` = name on every line);
 *   2. the configuration — `--config <file>` (or the `configFileEnv` variable) for the
 *      loader; a ConfigError logs `invalid configuration` with every problem and exits 2;
 *   3. the metrics registry (`service` label, Node's default metrics);
 *   4. the ops server — /healthz, /readyz, /metrics on their own port — when `ops` asks
 *      for one (roles that serve them on their own listener leave it out); /readyz
 *      answers 503 "starting" until the role has started, then runs the role's checks,
 *      and 503 "draining" once shutdown begins;
 *   5. the role: `start` opens what it needs and returns its shutdown steps and readiness
 *      checks; a failure logs `<name> failed to start` and exits 1;
 *   6. SIGTERM/SIGINT: the role's steps in the order given, each with its deadline, then
 *      the ops server; a signal during start first lets the start finish (it sees
 *      `ctx.stopping` and returns early with what it opened); a second signal exits 130;
 *   7. uncaught exceptions and unhandled rejections are logged as JSON and exit 1.
 *
 * Exit codes: 0 after a clean shutdown; 1 when the role failed (start, `ctx.fail()`,
 * `ctx.stop(…, { failed: true })`, an uncaught error); 2 for invalid configuration
 * (also when the role's start throws a ConfigError, e.g. a keys file that does not
 * parse); 130 on a second signal.
 */
import { ConfigError } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRegistry, type Registry } from './metrics.ts';
import { startOpsServer, type OpsServer, type ReadinessCheck } from './ops-server.ts';
import { createShutdown, type ShutdownStep } from './shutdown.ts';

export interface ServiceContext<C> {
  readonly name: string;
  readonly config: C;
  readonly logger: Logger;
  readonly registry: Registry;
  /** The command-line arguments after the script. */
  readonly argv: readonly string[];
  /** Port of the ops server `runService` serves (`ops`); undefined without one. */
  readonly opsPort: number | undefined;
  /** True once shutdown began: waits during start end early, readiness answers 503. */
  readonly stopping: boolean;
  /** Makes the final exit code 1 without stopping (e.g. the final commit failed). */
  fail(): void;
  /** Runs the shutdown now, then exits; `failed` makes the exit code 1. */
  stop(reason: string, options?: { failed?: boolean }): void;
}

/** What a started role hands back. */
export interface RunningRole {
  /** Shutdown steps, run in this order (the ops server closes after them). @default [] */
  stop?: ShutdownStep[];
  /** Readiness checks of the ops server (`ops`). @default [] */
  checks?: ReadinessCheck[];
}

/** Where the configuration comes from, for `RunServiceOptions.config`. */
export interface ConfigSource {
  /** `--config <file>` (or `--config=<file>`), else the `configFileEnv` variable; undefined for none. */
  file: string | undefined;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface RunServiceOptions<C> {
  /** The `service` field of every log line and the `service` label of every metric. */
  name: string;
  /** Reads the configuration (defaults ← file ← environment); a ConfigError exits 2. */
  config: (source: ConfigSource) => C;
  /** Variable naming the config file when `--config` is absent. @default none */
  configFileEnv?: string;
  /** Fields added to every log line (a cluster worker's id). @default {} */
  logFields?: Record<string, unknown>;
  /** Serve /healthz /readyz /metrics on this address; undefined: the role serves them itself. @default none */
  ops?: (config: C) => { port: number; host?: string } | undefined;
  /** Starts the role; what it returns is stopped on shutdown. */
  start: (ctx: ServiceContext<C>) => Promise<RunningRole | void>;
  /** How long a shutdown during start waits for the start to return. @default 30_000 */
  startTimeoutMs?: number;
  /** @default process.argv.slice(2) */
  argv?: readonly string[];
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default process.exit */
  exit?: (code: number) => void;
  /** Signals that start the shutdown. @default ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Where log lines go. @default process.stdout */
  write?: (line: string) => void;
  /** Log uncaught exceptions and unhandled rejections as JSON and exit 1. @default true */
  handleUncaught?: boolean;
}

/** `--config <file>` or `--config=<file>`, else `env[envName]`. */
export function configFileFrom(argv: readonly string[], env: NodeJS.ProcessEnv, envName?: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') return argv[i + 1];
    if (argv[i]!.startsWith('--config=')) return argv[i]!.slice('--config='.length);
  }
  return envName ? env[envName] : undefined;
}

function logConfigError(logger: Logger, err: ConfigError): void {
  logger.error('invalid configuration', { code: err.code, problems: err.problems });
}

/** Runs one process: resolves once the role has started (or the process is exiting). */
export async function runService<C>(o: RunServiceOptions<C>): Promise<void> {
  const argv = o.argv ?? process.argv.slice(2);
  const env = o.env ?? process.env;
  const logger = createLogger({ service: o.name, ...(o.write ? { write: o.write } : {}) }, o.logFields ?? {});
  let exited = false;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    (o.exit ?? ((c: number) => process.exit(c)))(code);
  };
  if (o.handleUncaught ?? true) {
    process.on('uncaughtException', (err) => {
      logger.error('uncaught exception; exiting', { err });
      exit(1);
    });
    process.on('unhandledRejection', (reason) => {
      logger.error('unhandled rejection; exiting', { err: reason });
      exit(1);
    });
  }

  let config: C;
  try {
    config = o.config({ file: configFileFrom(argv, env, o.configFileEnv), argv, env });
  } catch (err) {
    if (err instanceof ConfigError) {
      logConfigError(logger, err);
      exit(2);
      return;
    }
    logger.error(`${o.name} failed to start`, { err });
    exit(1);
    return;
  }

  const registry = createRegistry(o.name);
  let exitCode = 0;
  const shutdown = createShutdown({
    logger,
    exit: (code) => exit(code === 0 ? exitCode : code),
    ...(o.signals ? { signals: o.signals } : {}),
  });
  let ops: OpsServer | undefined;
  const ctx: ServiceContext<C> = {
    name: o.name,
    config,
    logger,
    registry,
    argv,
    get opsPort() {
      return ops?.port;
    },
    get stopping() {
      return shutdown.draining;
    },
    fail: () => void (exitCode = 1),
    stop: (reason, options = {}) => {
      if (options.failed) exitCode = 1;
      void shutdown.run(reason).then(() => exit(exitCode));
    },
  };

  // The first step: a shutdown that begins during start lets the start return first,
  // so the steps of what it opened run too.
  let starting: Promise<unknown> = Promise.resolve();
  shutdown.add({
    name: 'start: wait until the role has started',
    run: () => starting.then(noop, noop),
    timeoutMs: o.startTimeoutMs ?? 30_000,
  });

  const checks: ReadinessCheck[] = [{ name: o.name, check: async () => ({ ok: false, detail: 'starting' }) }];
  try {
    const at = o.ops?.(config);
    if (at)
      ops = await startOpsServer({
        registry,
        checks,
        port: at.port,
        ...(at.host ? { host: at.host } : {}),
        isDraining: () => shutdown.draining,
      });
    const pending = o.start(ctx);
    starting = pending;
    const role = (await pending) ?? {};
    for (const step of role.stop ?? []) shutdown.add(step);
    checks.splice(0, checks.length, ...(role.checks ?? []));
  } catch (err) {
    if (err instanceof ConfigError) {
      logConfigError(logger, err);
      exitCode = 2;
    } else {
      logger.error(`${o.name} failed to start`, { err });
      exitCode = 1;
    }
    // A shutdown in progress exits with this code once it ends.
    if (!shutdown.draining) exit(exitCode);
    return;
  } finally {
    const server = ops;
    if (server) shutdown.add({ name: 'ops endpoints: stop serving', run: () => server.close() });
  }
}

function noop(): void {}
