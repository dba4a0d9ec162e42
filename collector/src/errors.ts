/**
 * The collector's error codes, as one table: what a client sees (HTTP status, gRPC
 * status, message) and whether sending the same request again can succeed. Codes are
 * stable (`GP_<AREA>_<WHAT>`, the model of @gamepulse/service/errors): SDKs, dashboards
 * and alerts key on them, so a code never changes meaning; new ones may be added. Every
 * code is documented in collector/README.md, "Error codes", generated from this table.
 *
 * gRPC statuses follow the HTTP ↔ gRPC mapping of grpc/doc/http-grpc-status-mapping.md
 * (401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE, ...).
 *
 * `retryable` is true exactly for 429 and 5xx: the batch itself is fine and the client
 * keeps it (HTTP `Retry-After`, gRPC metadata `retry-after`, stream `retry_after_ms`).
 *
 * Refusals are values (`CollectorFailure`), not exceptions: every transport turns them
 * into its own response.
 */
import { LOG_ERRORS } from '@gamepulse/log';
import { defineErrors, GRPC_STATUS } from '@gamepulse/service';

export const COLLECTOR_ERRORS = defineErrors(
  {
    name: 'collector',
    docsUrl: 'collector/README.md#error-codes',
    // The log's own codes for "cannot write now" and "record too large" pass through unchanged.
    include: [LOG_ERRORS.GP_LOG_UNAVAILABLE, LOG_ERRORS.GP_LOG_RECORD_TOO_LARGE],
  },
  {
    GP_AUTH_KEY_MISSING: {
      httpStatus: 401,
      grpcStatus: GRPC_STATUS.UNAUTHENTICATED,
      message: 'ingest key missing: send it in the x-gamepulse-key header (gRPC: metadata)',
      retryable: false,
    },
    GP_AUTH_KEY_INVALID: {
      httpStatus: 403,
      grpcStatus: GRPC_STATUS.PERMISSION_DENIED,
      message: 'ingest key not recognised',
      retryable: false,
    },
    GP_AUTH_KEY_EXPIRED: {
      httpStatus: 403,
      grpcStatus: GRPC_STATUS.PERMISSION_DENIED,
      message: 'ingest key is outside its validity period (notBefore/notAfter): switch to the rotated key',
      retryable: false,
    },
    GP_AUTH_KEY_REVOKED: {
      httpStatus: 403,
      grpcStatus: GRPC_STATUS.PERMISSION_DENIED,
      message: 'ingest key was revoked',
      retryable: false,
    },
    GP_AUTH_CREDENTIALS_MISSING: {
      httpStatus: 401,
      grpcStatus: GRPC_STATUS.UNAUTHENTICATED,
      message: 'credentials missing: send x-gamepulse-key (ingest key) or authorization: Bearer <admin key>',
      retryable: false,
    },
    GP_AUTH_ADMIN_INVALID: {
      httpStatus: 403,
      grpcStatus: GRPC_STATUS.PERMISSION_DENIED,
      message: 'admin key not recognised, expired, or not allowed for this game',
      retryable: false,
    },
    GP_AUTH_SIGNATURE_MISSING: {
      httpStatus: 401,
      grpcStatus: GRPC_STATUS.UNAUTHENTICATED,
      message: 'this key requires a body signature: send x-gamepulse-signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body"> over HTTP',
      retryable: false,
    },
    GP_AUTH_SIGNATURE_INVALID: {
      httpStatus: 401,
      grpcStatus: GRPC_STATUS.UNAUTHENTICATED,
      message: 'x-gamepulse-signature does not match the body',
      retryable: false,
    },
    GP_AUTH_SIGNATURE_EXPIRED: {
      httpStatus: 401,
      grpcStatus: GRPC_STATUS.UNAUTHENTICATED,
      message: 'x-gamepulse-signature timestamp is outside the replay window; sign again with the current time',
      retryable: false,
    },
    GP_AUTH_GAME_MISMATCH: {
      httpStatus: 403,
      grpcStatus: GRPC_STATUS.PERMISSION_DENIED,
      message: "batch context game_id is not the ingest key's game",
      retryable: false,
    },
    GP_BODY_TOO_LARGE: {
      httpStatus: 413,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
      message: 'request body exceeds the size limit; send smaller batches',
      retryable: false,
    },
    GP_BODY_DECOMPRESSED_TOO_LARGE: {
      httpStatus: 413,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
      message: 'decompressed body exceeds the size or compression-ratio limit; send smaller batches',
      retryable: false,
    },
    GP_BODY_JSON_INVALID: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'body is not a valid proto3 JSON gamepulse.v1.EventBatch',
      retryable: false,
    },
    GP_BODY_DECOMPRESS_FAILED: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'body is not valid gzip',
      retryable: false,
    },
    GP_BODY_ENCODING_UNSUPPORTED: {
      httpStatus: 415,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'content-encoding must be gzip or identity',
      retryable: false,
    },
    GP_BODY_CONTENT_TYPE_UNSUPPORTED: {
      httpStatus: 415,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'content-type must be application/x-protobuf or application/json',
      retryable: false,
    },
    GP_BODY_DECODE_FAILED: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'body is not a valid gamepulse.v1.EventBatch',
      retryable: false,
    },
    GP_BATCH_INVALID: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'batch is invalid: install_id, batch_sequence >= 1 and a valid context are required',
      retryable: false,
    },
    GP_BATCH_TOO_MANY_EVENTS: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message: 'batch has more events than allowed',
      retryable: false,
    },
    GP_RATE_LIMITED_KEY: {
      httpStatus: 429,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
      message: "the key's event rate limit is exhausted; retry after Retry-After",
      retryable: true,
    },
    GP_RATE_LIMITED_PLAYER: {
      httpStatus: 429,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
      message: "the player's event rate limit is exhausted; retry after Retry-After",
      retryable: true,
    },
    GP_SERVER_OVERLOADED: {
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      message:
        'the collector is shedding load (too many batches in flight or the log is slow); nothing was stored, retry after Retry-After',
      retryable: true,
    },
    GP_DELETION_INVALID: {
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      message:
        'deletion request must be a JSON object with playerId (1-128 characters), optional installId and, for admin keys of several games, gameId',
      retryable: false,
    },
    GP_LOG_WRITE_FAILED: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      message: 'the event log refused the write; nothing was acknowledged, retry later',
      // The batch itself is fine; the server is misconfigured or broken. Keep the data.
      retryable: true,
    },
    GP_SHUTTING_DOWN: {
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      message: 'this collector is shutting down; retry (another replica will answer)',
      retryable: true,
    },
    GP_HTTP_NOT_FOUND: {
      httpStatus: 404,
      grpcStatus: GRPC_STATUS.UNIMPLEMENTED,
      message: 'no such route; batches go to POST /v1/batch (or /v1/ws), deletions to POST /v1/privacy/deletion',
      retryable: false,
    },
    GP_INTERNAL: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      message: 'unexpected collector error; nothing was acknowledged, retry later',
      retryable: true,
    },
  },
);

export type CollectorErrorCode = keyof typeof COLLECTOR_ERRORS;

/** A refused request, as a value: what every transport turns into its own response. */
export interface CollectorFailure {
  ok: false;
  code: CollectorErrorCode;
  /** The table's message, or a more specific one naming the field or the limit. */
  message: string;
  retryable: boolean;
  /** For retryable refusals: when to try again (HTTP `Retry-After`, gRPC pushback). */
  retryAfterS?: number;
  /** The refused batch's sequence when it was decoded (stream replies carry it). */
  batchSequence?: number;
}

/** Builds a failure for `code`; `detail` replaces the generic message when given. */
export function failure(code: CollectorErrorCode, detail?: string, retryAfterS?: number): CollectorFailure {
  const def = COLLECTOR_ERRORS[code];
  const out: CollectorFailure = { ok: false, code, message: detail ?? def.message, retryable: def.retryable };
  if (retryAfterS !== undefined) out.retryAfterS = retryAfterS;
  return out;
}
