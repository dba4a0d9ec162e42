/**
 * The error model every server-side package uses: one base class and one shape of code
 * table, in the manner of fastify's `lib/errors.js` (stable codes, each with a message
 * and an HTTP status) and kafkajs's `src/errors.js` (one base carrying a retry flag and
 * the cause).
 *
 * - A code is a stable string, `GP_<AREA>_<WHAT>`: SDKs, dashboards and alerts key on
 *   it, so it never changes meaning; new ones may be added.
 * - Each package defines its codes once, with `defineErrors`, in its own table: message,
 *   whether the same request can succeed later (`retryable`), the HTTP status and the
 *   numeric gRPC status a boundary answers with, and the README section documenting
 *   them (`docsUrl`, a path from the repository root plus an anchor).
 * - What is thrown is a `GamepulseError` (or a package's subclass of it) built from one
 *   table entry, plus a specific message, `context` and `cause`.
 * - Results returned as values at a boundary (a collector refusal, a log append
 *   failure) carry the same `code` and `retryable` fields.
 *
 * Every table registers itself; test/architecture/error-codes.test.ts checks all of
 * them against their READMEs. This module depends on the standard library only, so the
 * lowest packages (log) can use it: `@gamepulse/service/errors`.
 */

/** gRPC status codes (grpc/doc/statuscodes.md), numeric as on the wire. */
export const GRPC_STATUS = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type GrpcStatusName = keyof typeof GRPC_STATUS;
export type GrpcStatusCode = (typeof GRPC_STATUS)[GrpcStatusName];

const GRPC_STATUS_NAMES = new Map<number, GrpcStatusName>(Object.entries(GRPC_STATUS).map(([name, n]) => [n, name as GrpcStatusName]));

/** The name of a numeric gRPC status, e.g. 14 → 'UNAVAILABLE'. */
export function grpcStatusName(status: number): GrpcStatusName | undefined {
  return GRPC_STATUS_NAMES.get(status);
}

/** What a table says about one code. */
export interface ErrorSpec {
  /** The generic message; a thrown error or a refusal may carry a more specific one. */
  readonly message: string;
  /** True when the same request (append, commit, batch) may succeed if tried again later. */
  readonly retryable: boolean;
  /** What an HTTP boundary answers when this error reaches it. */
  readonly httpStatus: number;
  /** What a gRPC boundary answers when this error reaches it. */
  readonly grpcStatus: GrpcStatusCode;
}

/** One code of a table: its spec, the code itself and where it is documented. */
export interface ErrorDefinition<C extends string = string> extends ErrorSpec {
  readonly code: C;
  /** README section documenting the code: path from the repository root and anchor, e.g. `collector/README.md#error-codes`. */
  readonly docsUrl: string;
}

/** A code table: every code of a package, typed, each with its definition. */
export type ErrorTable<C extends string = string> = { readonly [K in C]: ErrorDefinition<K> };

export interface ErrorTableOptions<I extends ErrorDefinition> {
  /** Names the table in the registry, e.g. 'collector'. */
  readonly name: string;
  /** README section that documents every code of the table (see `ErrorDefinition.docsUrl`). */
  readonly docsUrl: string;
  /**
   * Codes another table defines that this package's boundary answers with too (the
   * collector passes on the log's GP_LOG_UNAVAILABLE). They keep their own definition
   * and docs; this table's README section lists them as well.
   */
  readonly include?: readonly I[];
}

/** A table as the registry knows it. */
export interface RegisteredErrorTable {
  readonly name: string;
  readonly docsUrl: string;
  /** The codes this table defines. */
  readonly defines: readonly ErrorDefinition[];
  /** Every code of the table, in order: the ones it defines, then the included ones. */
  readonly codes: readonly ErrorDefinition[];
}

const registry = new Map<string, RegisteredErrorTable>();

/**
 * Builds a package's code table from `{ CODE: { message, retryable, httpStatus, grpcStatus } }`
 * and registers it under `options.name` (a module loaded again replaces its entry).
 */
export function defineErrors<const S extends Record<string, ErrorSpec>, I extends ErrorDefinition = never>(
  options: ErrorTableOptions<I>,
  specs: S,
): ErrorTable<(keyof S & string) | I['code']> {
  const defines = Object.entries(specs).map(([code, spec]): ErrorDefinition =>
    Object.freeze({
      code,
      message: spec.message,
      retryable: spec.retryable,
      httpStatus: spec.httpStatus,
      grpcStatus: spec.grpcStatus,
      docsUrl: options.docsUrl,
    }),
  );
  const codes = [...defines, ...(options.include ?? [])];
  const table: Record<string, ErrorDefinition> = {};
  for (const def of codes) {
    if (table[def.code] !== undefined) throw new Error(`defineErrors(${options.name}): ${def.code} appears twice`);
    table[def.code] = def;
  }
  registry.set(options.name, Object.freeze({ name: options.name, docsUrl: options.docsUrl, defines, codes }));
  return Object.freeze(table) as ErrorTable<(keyof S & string) | I['code']>;
}

/** Every table defined so far in this process. */
export function registeredErrorTables(): RegisteredErrorTable[] {
  return [...registry.values()];
}

export interface GamepulseErrorOptions {
  cause?: unknown;
  /** What to act on: ids, paths, the offending value. */
  context?: Record<string, unknown>;
  /**
   * This occurrence's verdict when it knows better than the code's default (e.g. the
   * root cause of a Kafka failure says whether a retry can help).
   */
  retryable?: boolean;
}

/** An error with a stable code, whether retrying can help, its statuses, and the context to act on it. */
export class GamepulseError<C extends string = string> extends Error {
  readonly code: C;
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly grpcStatus: GrpcStatusCode;
  readonly docsUrl: string;
  readonly context: Readonly<Record<string, unknown>>;

  /** `message` replaces the definition's generic one when given. */
  constructor(definition: ErrorDefinition<C>, message?: string, options: GamepulseErrorOptions = {}) {
    super(message ?? definition.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = definition.code;
    this.retryable = options.retryable ?? definition.retryable;
    this.httpStatus = definition.httpStatus;
    this.grpcStatus = definition.grpcStatus;
    this.docsUrl = definition.docsUrl;
    this.context = options.context ?? {};
  }
}

/** True for a GamepulseError, and when `table` is given, one whose code is in it. */
export function isGamepulseError<C extends string = string>(err: unknown, table?: ErrorTable<C>): err is GamepulseError<C> {
  return isGamepulseInstance(err) && (table === undefined || Object.hasOwn(table, err.code));
}

/** `instanceof` on the generic class narrows to GamepulseError<any>; this keeps `code` a string. */
function isGamepulseInstance(err: unknown): err is GamepulseError {
  return err instanceof GamepulseError;
}

/** A README table of `codes`: code, HTTP status, gRPC status, retryable, message. */
export function errorTableMarkdown(codes: Iterable<ErrorDefinition>): string {
  const lines = ['| code | HTTP | gRPC | retryable | meaning |', '|---|---|---|---|---|'];
  for (const d of codes)
    lines.push(
      `| \`${d.code}\` | ${d.httpStatus} | ${grpcStatusName(d.grpcStatus) ?? d.grpcStatus} | ${d.retryable ? 'yes' : 'no'} | ${d.message} |`,
    );
  return lines.join('\n');
}
