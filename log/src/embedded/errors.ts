/**
 * Errors of the embedded log. Appends report I/O problems as `LogFailure` values (see
 * types.ts); what is thrown is misuse or a state the caller must act on (a group already
 * consumed by a live process, a read-only log asked to write, a missing topic). Codes:
 * the common ones of every log (../errors.ts) and the embedded log's own, below
 * (log/README.md, "Embedded log").
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service/errors';
import { LOG_ERRORS } from '../errors.ts';
import type { LogErrorCode, LogFailure } from '../types.ts';

export const EMBEDDED_LOG_ERRORS = defineErrors(
  { name: 'log-embedded', docsUrl: 'log/README.md#embedded-log' },
  {
    GP_LOG_GROUP_LOCKED: {
      message: 'another live process (or consumer object) already consumes this group; stop that one first',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_LOG_DIR_LOCKED: {
      message: 'another live process already opened this log directory for writing; stop that one first',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_LOG_READ_ONLY: {
      message: 'the log was opened read-only: it cannot append or create topics',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
    GP_LOG_CORRUPT: {
      message: 'a file of the log is not what the format says (topics.json, a group file)',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.DATA_LOSS,
    },
  },
);

export type EmbeddedLogErrorCode = LogErrorCode | keyof typeof EMBEDDED_LOG_ERRORS;

const CODES = { ...LOG_ERRORS, ...EMBEDDED_LOG_ERRORS };

export class EmbeddedLogError extends GamepulseError<EmbeddedLogErrorCode> {
  constructor(code: EmbeddedLogErrorCode, message?: string, options?: GamepulseErrorOptions) {
    super(CODES[code], message, options);
  }
}

export function failure(code: LogErrorCode, message: string, retryable: boolean): LogFailure {
  return { ok: false, code, message, retryable };
}

/** Message of an unknown thrown value, with its errno code when it has one. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
