/**
 * Stable error codes of the analytics store and the query API (GP_STORE_*, GP_QUERY_*),
 * in the model of @gamepulse/service/errors: each code has its message, whether calling
 * again can help (`retryable`), and the HTTP and gRPC statuses the API answers with.
 * store/README.md, "Error codes", lists every code.
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service';

export const STORE_ERRORS = defineErrors(
  { name: 'store', docsUrl: 'store/README.md#error-codes' },
  {
    GP_STORE_CLOSED: {
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      retryable: false,
      message: 'The store was closed; open a new one.',
    },
    GP_STORE_LOCKED: {
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      retryable: true,
      message: 'Another process holds the DuckDB file read-write (DuckDB allows one writer process per file).',
    },
    GP_STORE_SCHEMA_TOO_NEW: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
      retryable: false,
      message: 'The file was written by a newer gamepulse with a schema version this code does not know.',
    },
    GP_STORE_BAD_ROW: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      retryable: false,
      message: 'A commit carried a value that cannot be stored (non-integer count, time out of range); nothing was written.',
    },
    GP_STORE_POSITION_REGRESSED: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
      retryable: false,
      message: 'A commit moved an input position backwards (a stale writer would count events twice); nothing was written.',
    },
    GP_STORE_POSITION_CONFLICT: {
      httpStatus: 409,
      grpcStatus: GRPC_STATUS.ABORTED,
      retryable: true,
      message:
        'A conditional commit (`expectedPositions`) found a stored position another writer had moved; nothing was written. Reload the checkpoint and redo.',
    },
    GP_STORE_COMMIT_FAILED: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      retryable: true,
      message: 'The engine rejected the commit (constraint, I/O); it was rolled back and nothing was written.',
    },
    GP_STORE_QUERY_FAILED: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      retryable: false,
      message: 'The engine rejected a query (syntax, types, I/O).',
    },
    GP_STORE_UNAVAILABLE: {
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      retryable: true,
      message:
        'The engine is unreachable, overloaded or timed out (Druid: connection refused, HTTP 429/5xx, `CAPACITY_EXCEEDED`, `TIMEOUT`).',
    },
    GP_QUERY_UNKNOWN_KPI: {
      httpStatus: 404,
      grpcStatus: GRPC_STATUS.NOT_FOUND,
      retryable: false,
      message: 'No KPI has that name; GET /v1/kpis lists them.',
    },
    GP_QUERY_BAD_PARAM: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      retryable: false,
      message: 'A query parameter is missing, malformed, unknown or out of range.',
    },
    GP_QUERY_NOT_FOUND: { httpStatus: 404, grpcStatus: GRPC_STATUS.UNIMPLEMENTED, retryable: false, message: 'No API route at that path.' },
    GP_QUERY_FAILED: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      retryable: true,
      message: 'The store failed to answer the KPI query (cause attached).',
    },
  },
);

export type ErrorCode = keyof typeof STORE_ERRORS;

/** An error of the store or the query API: a stable code, whether retrying can help, and the context to act on it. */
export class AnalyticsError extends GamepulseError<ErrorCode> {
  constructor(code: ErrorCode, message: string, options: Omit<GamepulseErrorOptions, 'retryable'> = {}) {
    super(STORE_ERRORS[code], message, options);
  }
}

export function isAnalyticsError(err: unknown, code?: ErrorCode): err is AnalyticsError {
  return err instanceof AnalyticsError && (code === undefined || err.code === code);
}
