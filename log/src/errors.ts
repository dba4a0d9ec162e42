/**
 * The codes every `Log` reports, embedded or Kafka: in `LogFailure` values (appends never
 * throw) and in thrown errors (log/README.md, "Every log"). The embedded log and the Kafka
 * log add their own codes (embedded/errors.ts, kafka/errors.ts), transactions theirs
 * (transactions.ts).
 *
 * The two codes a client of the collector can meet, GP_LOG_UNAVAILABLE and
 * GP_LOG_RECORD_TOO_LARGE, carry the collector's wording and statuses: the collector
 * answers with these definitions.
 */
import { defineErrors, GRPC_STATUS } from '@gamepulse/service/errors';

export const LOG_ERRORS = defineErrors(
  { name: 'log', docsUrl: 'log/README.md#every-log' },
  {
    GP_LOG_CLOSED: {
      message: 'the log (or this producer or consumer) was closed',
      retryable: false,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_LOG_UNKNOWN_TOPIC: {
      message: 'the topic does not exist; create it first (Kafka: ensureTopics, auto-creation is off)',
      retryable: false,
      httpStatus: 404,
      grpcStatus: GRPC_STATUS.NOT_FOUND,
    },
    GP_LOG_RECORD_TOO_LARGE: {
      message: 'the batch is too large for one log record; send smaller batches',
      retryable: false,
      httpStatus: 413,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
    },
    GP_LOG_IO: {
      message: 'the log failed to write or read its storage (embedded: disk; Kafka: KAFKA_STORAGE_ERROR)',
      retryable: true,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
    },
    GP_LOG_TIMEOUT: {
      message: 'a request to the log (Kafka: a request or acks=all) did not complete in time',
      retryable: true,
      httpStatus: 504,
      grpcStatus: GRPC_STATUS.DEADLINE_EXCEEDED,
    },
    GP_LOG_POSITION_LOST: {
      message:
        'a consumer\'s stored position is below the partition\'s log start (retention or DeleteRecords removed records it never read): it stops rather than skip them; an operator decides (log/README.md, "Gaps")',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.DATA_LOSS,
    },
    GP_LOG_UNAVAILABLE: {
      message: 'the event log cannot take writes right now; nothing was stored, retry later',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
  },
);

/** Stable error codes for log failures; each failure says whether a retry can help. */
export type LogErrorCode = keyof typeof LOG_ERRORS;
