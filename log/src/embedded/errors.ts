/**
 * Errors of the embedded log. Appends report I/O problems as `LogFailure` values (see
 * types.ts); what is thrown is misuse or a state the caller must act on (a group already
 * consumed by a live process, a read-only log asked to write, a missing topic).
 */
import type { LogErrorCode, LogFailure } from '../types.ts';

export type EmbeddedLogErrorCode =
  | LogErrorCode
  /** Another live process (or consumer object) already consumes this group. */
  | 'GP_LOG_GROUP_LOCKED'
  /** Another live process already opened this directory for writing. */
  | 'GP_LOG_DIR_LOCKED'
  /** The log was opened with readOnly: true. */
  | 'GP_LOG_READ_ONLY'
  /** A file of the log is not what the format says (topics.json, a group file). */
  | 'GP_LOG_CORRUPT';

export class EmbeddedLogError extends Error {
  override readonly name = 'EmbeddedLogError';
  constructor(
    readonly code: EmbeddedLogErrorCode,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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
