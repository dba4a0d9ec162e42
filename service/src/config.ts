/**
 * Typed configuration from defaults ← JSON file ← environment, resolved and validated
 * in one place, with every problem reported at once. Each service declares a spec; the
 * same spec renders the configuration reference in the README (`describeConfig`).
 */
import { readFileSync } from 'node:fs';
import { defineErrors, GamepulseError, GRPC_STATUS } from './errors.ts';

type Kind = 'string' | 'int' | 'number' | 'bool' | 'list';
type ValueOf<K extends Kind> = K extends 'string' ? string : K extends 'int' | 'number' ? number : K extends 'bool' ? boolean : string[];

export interface FieldSpec<K extends Kind = Kind> {
  kind: K;
  default: ValueOf<K>;
  /** Environment variable that overrides the file. */
  env: string;
  doc: string;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Allowed values for strings. */
  oneOf?: readonly string[];
}

export type ConfigSpec = Record<string, FieldSpec>;
export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: ValueOf<S[K]['kind']> };

/** The configuration's code (service/README.md, "Error codes"). */
export const CONFIG_ERRORS = defineErrors(
  { name: 'config', docsUrl: 'service/README.md#error-codes' },
  {
    GP_CONFIG_INVALID: {
      message: 'the configuration is invalid; every problem is listed and the process exits 2',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
  },
);

export class ConfigError extends GamepulseError<'GP_CONFIG_INVALID'> {
  constructor(readonly problems: string[]) {
    super(CONFIG_ERRORS.GP_CONFIG_INVALID, `invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function parse(kind: Kind, raw: unknown): { value?: unknown; error?: string } {
  switch (kind) {
    case 'string':
      return typeof raw === 'string' ? { value: raw } : { error: `expected a string, got ${JSON.stringify(raw)}` };
    case 'int':
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { error: `expected a number, got ${JSON.stringify(raw)}` };
      if (kind === 'int' && !Number.isInteger(n)) return { error: `expected an integer, got ${JSON.stringify(raw)}` };
      return { value: n };
    }
    case 'bool':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === '1') return { value: true };
      if (raw === 'false' || raw === '0') return { value: false };
      return { error: `expected true or false, got ${JSON.stringify(raw)}` };
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return { value: raw };
      if (typeof raw === 'string')
        return {
          value: raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        };
      return { error: `expected a list, got ${JSON.stringify(raw)}` };
  }
}

export interface LoadConfigOptions {
  /** JSON file with some of the fields (unknown keys are errors: typos should not pass). */
  file?: string;
  /** Explicit values, e.g. from a test or the start script; they win over everything. */
  overrides?: Record<string, unknown>;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
}

export function loadConfig<S extends ConfigSpec>(spec: S, options: LoadConfigOptions = {}): ConfigOf<S> {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (options.file) {
    try {
      fromFile = JSON.parse(readFileSync(options.file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      problems.push(`cannot read config file ${options.file}: ${(err as Error).message}`);
    }
    for (const key of Object.keys(fromFile)) if (!(key in spec)) problems.push(`${options.file}: unknown key "${key}"`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    let raw: unknown = field.default;
    let source = 'default';
    if (key in fromFile) [raw, source] = [fromFile[key], `file ${options.file}`];
    if (env[field.env] !== undefined) [raw, source] = [env[field.env], `env ${field.env}`];
    if (options.overrides && key in options.overrides && options.overrides[key] !== undefined)
      [raw, source] = [options.overrides[key], 'override'];
    const { value, error } = parse(field.kind, raw);
    if (error) {
      problems.push(`${key} (${source}): ${error}`);
      continue;
    }
    if (typeof value === 'number' && ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)))
      problems.push(`${key} (${source}): ${value} is outside [${field.min ?? '-∞'}, ${field.max ?? '∞'}]`);
    if (typeof value === 'string' && field.oneOf && !field.oneOf.includes(value))
      problems.push(`${key} (${source}): "${value}" is not one of ${field.oneOf.join(', ')}`);
    out[key] = value;
  }
  if (problems.length) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/** A markdown table of the spec: key, env variable, default, meaning. */
export function describeConfig(spec: ConfigSpec): string {
  const lines = ['| key | environment | default | meaning |', '|---|---|---|---|'];
  for (const [key, f] of Object.entries(spec)) {
    const def = Array.isArray(f.default) ? f.default.join(',') : String(f.default);
    lines.push(`| \`${key}\` | \`${f.env}\` | \`${def === '' ? '""' : def}\` | ${f.doc} |`);
  }
  return lines.join('\n');
}
