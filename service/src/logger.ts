/**
 * Structured JSON logs, one object per line on stdout: what log shippers (Vector,
 * Fluent Bit, Loki, CloudWatch) ingest without parsing rules. Deliberately tiny; the
 * hot paths log counters through metrics, not lines.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  service: string;
  /** @default 'info', or the GAMEPULSE_LOG_LEVEL environment variable */
  level?: LogLevel;
  /** Where lines go. @default process.stdout.write */
  write?: (line: string) => void;
  /** @default Date.now */
  now?: () => number;
}

function serializeError(err: unknown): unknown {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack, code: (err as { code?: unknown }).code };
  return err;
}

export function createLogger(options: LoggerOptions, bound: Record<string, unknown> = {}): Logger {
  const envLevel = process.env.GAMEPULSE_LOG_LEVEL as LogLevel | undefined;
  const level = options.level ?? (envLevel && envLevel in LEVELS ? envLevel : 'info');
  const min = LEVELS[level];
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const now = options.now ?? Date.now;
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const rec: Record<string, unknown> = { time: new Date(now()).toISOString(), level: lvl, service: options.service, msg, ...bound };
    if (fields) for (const [k, v] of Object.entries(fields)) rec[k] = k === 'err' ? serializeError(v) : v;
    write(JSON.stringify(rec) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}
