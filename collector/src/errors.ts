/**
 * The collector's error codes, as one table: what a client sees (HTTP status, gRPC
 * status, message) and whether sending the same request again can succeed. Codes are
 * stable (`GP_<AREA>_<WHAT>`, in the manner of fastify's `FST_ERR_*`): SDKs, dashboards
 * and alerts key on them, so a code never changes meaning; new ones may be added.
 * Every code here is documented in collector/README.md (a test checks both ways).
 *
 * gRPC statuses follow the HTTP ↔ gRPC mapping of grpc/doc/http-grpc-status-mapping.md
 * (401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 503 UNAVAILABLE, ...).
 */
import { status as GrpcStatus } from '@grpc/grpc-js';

export interface ErrorSpec {
  httpStatus: number;
  grpcStatus: GrpcStatus;
  message: string;
  /** True when the client should keep the batch and send it again later. */
  retryable: boolean;
}

export const ERRORS = {
  GP_AUTH_KEY_MISSING: {
    httpStatus: 401,
    grpcStatus: GrpcStatus.UNAUTHENTICATED,
    message: 'ingest key missing: send it in the x-gamepulse-key header (gRPC: metadata)',
    retryable: false,
  },
  GP_AUTH_KEY_INVALID: {
    httpStatus: 403,
    grpcStatus: GrpcStatus.PERMISSION_DENIED,
    message: 'ingest key not recognised',
    retryable: false,
  },
  GP_AUTH_GAME_MISMATCH: {
    httpStatus: 403,
    grpcStatus: GrpcStatus.PERMISSION_DENIED,
    message: "batch context game_id is not the ingest key's game",
    retryable: false,
  },
  GP_BODY_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'request body exceeds the size limit; send smaller batches',
    retryable: false,
  },
  GP_BODY_DECOMPRESSED_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'decompressed body exceeds the size or compression-ratio limit; send smaller batches',
    retryable: false,
  },
  GP_BODY_DECOMPRESS_FAILED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'body is not valid gzip',
    retryable: false,
  },
  GP_BODY_ENCODING_UNSUPPORTED: {
    httpStatus: 415,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'content-encoding must be gzip or identity',
    retryable: false,
  },
  GP_BODY_CONTENT_TYPE_UNSUPPORTED: {
    httpStatus: 415,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'content-type must be application/x-protobuf',
    retryable: false,
  },
  GP_BODY_DECODE_FAILED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'body is not a valid gamepulse.v1.EventBatch',
    retryable: false,
  },
  GP_BATCH_INVALID: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'batch is invalid: install_id, batch_sequence >= 1 and a valid context are required',
    retryable: false,
  },
  GP_BATCH_TOO_MANY_EVENTS: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    message: 'batch has more events than allowed',
    retryable: false,
  },
  GP_LOG_UNAVAILABLE: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    message: 'the event log cannot take writes right now; nothing was stored, retry later',
    retryable: true,
  },
  GP_LOG_RECORD_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'the batch is too large for one log record; send smaller batches',
    retryable: false,
  },
  GP_LOG_WRITE_FAILED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    message: 'the event log refused the write; nothing was acknowledged, retry later',
    // The batch itself is fine; the server is misconfigured or broken. Keep the data.
    retryable: true,
  },
  GP_SHUTTING_DOWN: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    message: 'this collector is shutting down; retry (another replica will answer)',
    retryable: true,
  },
  GP_HTTP_NOT_FOUND: {
    httpStatus: 404,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    message: 'no such route; batches go to POST /v1/batch',
    retryable: false,
  },
  GP_INTERNAL: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    message: 'unexpected collector error; nothing was acknowledged, retry later',
    retryable: true,
  },
} as const satisfies Record<string, ErrorSpec>;

export type CollectorErrorCode = keyof typeof ERRORS;

/** A refused request, as a value: what every transport turns into its own response. */
export interface CollectorFailure {
  ok: false;
  code: CollectorErrorCode;
  /** The table's message, or a more specific one naming the field or the limit. */
  message: string;
  retryable: boolean;
  /** For retryable refusals: when to try again (HTTP `Retry-After`, gRPC pushback). */
  retryAfterS?: number;
}

/** Builds a failure for `code`; `detail` replaces the generic message when given. */
export function failure(code: CollectorErrorCode, detail?: string, retryAfterS?: number): CollectorFailure {
  const spec: ErrorSpec = ERRORS[code];
  const out: CollectorFailure = { ok: false, code, message: detail ?? spec.message, retryable: spec.retryable };
  if (retryAfterS !== undefined) out.retryAfterS = retryAfterS;
  return out;
}
