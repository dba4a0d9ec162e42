/**
 * Stable error codes of the analytics store and the query API, as a table (the fastify
 * `lib/errors.js` model): each code has an HTTP status for the API, a `retriable` flag
 * for callers deciding whether to try again, and a line of documentation. The README
 * lists every code; a test keeps the two in step.
 */
export const ERROR_CODES = {
  GP_STORE_CLOSED: { httpStatus: 503, retriable: false, doc: 'The store was closed; open a new one.' },
  GP_STORE_LOCKED: {
    httpStatus: 503,
    retriable: true,
    doc: 'Another process holds the DuckDB file read-write (DuckDB allows one writer process per file).',
  },
  GP_STORE_SCHEMA_TOO_NEW: {
    httpStatus: 500,
    retriable: false,
    doc: 'The file was written by a newer gamepulse with a schema version this code does not know.',
  },
  GP_STORE_BAD_ROW: {
    httpStatus: 500,
    retriable: false,
    doc: 'A commit carried a value that cannot be stored (non-integer count, time out of range); nothing was written.',
  },
  GP_STORE_POSITION_REGRESSED: {
    httpStatus: 500,
    retriable: false,
    doc: 'A commit moved an input position backwards (a stale writer would count events twice); nothing was written.',
  },
  GP_STORE_POSITION_CONFLICT: {
    httpStatus: 409,
    retriable: true,
    doc: 'A conditional commit expected a stored position that another writer had moved; nothing was written. Reload the checkpoint and redo.',
  },
  GP_STORE_COMMIT_FAILED: {
    httpStatus: 500,
    retriable: true,
    doc: 'The engine rejected the commit (constraint, I/O); it was rolled back and nothing was written.',
  },
  GP_STORE_QUERY_FAILED: { httpStatus: 500, retriable: false, doc: 'The engine rejected a query (syntax, types, I/O).' },
  GP_STORE_UNAVAILABLE: {
    httpStatus: 503,
    retriable: true,
    doc: 'The engine is unreachable, overloaded or timed out (Druid: connection refused, HTTP 429/5xx, CAPACITY_EXCEEDED, TIMEOUT).',
  },
  GP_QUERY_UNKNOWN_KPI: { httpStatus: 404, retriable: false, doc: 'No KPI has that name; GET /v1/kpis lists them.' },
  GP_QUERY_BAD_PARAM: {
    httpStatus: 400,
    retriable: false,
    doc: 'A query parameter is missing, malformed, unknown or out of range.',
  },
  GP_QUERY_NOT_FOUND: { httpStatus: 404, retriable: false, doc: 'No API route at that path.' },
  GP_QUERY_FAILED: { httpStatus: 500, retriable: true, doc: 'The store failed to answer the KPI query.' },
} as const satisfies Record<string, { httpStatus: number; retriable: boolean; doc: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable code, whether retrying can help, and the context to act on it. */
export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  readonly retriable: boolean;
  readonly httpStatus: number;
  readonly context: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retriable = ERROR_CODES[code].retriable;
    this.httpStatus = ERROR_CODES[code].httpStatus;
    this.context = options.context ?? {};
  }
}

export function isAnalyticsError(err: unknown, code?: ErrorCode): err is AnalyticsError {
  return err instanceof AnalyticsError && (code === undefined || err.code === code);
}
