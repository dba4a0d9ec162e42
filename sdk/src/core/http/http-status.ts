/**
 * What an HTTP answer means for a batch (after OpenTelemetry's is-export-retryable.ts):
 *  - 2xx: delivered (the body is the BatchAck);
 *  - 408, 429, 5xx, and anything unexpected (1xx/3xx): try again later, honouring
 *    Retry-After (RFC 9110 §10.2.3) when the collector sends it — it does on 429/503;
 *  - 413 (RFC 9110 §15.5.14 Content Too Large; the collector's GP_BODY_TOO_LARGE,
 *    GP_BODY_DECOMPRESSED_TOO_LARGE, GP_LOG_RECORD_TOO_LARGE): split the batch;
 *  - other 4xx: this batch will never be accepted (malformed, bad key): drop it and report.
 * The collector's JSON error body `{"error":{"code",...}}` names its code.
 */
import type { SendFailure } from '../transport.ts';

/** The collector's error code from a JSON error body, if there is one. */
export function serverCodeOf(text: string | undefined): string | undefined {
  if (!text || text[0] !== '{') return undefined;
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status < 400 || status >= 500;
}

/**
 * Retry-After as milliseconds from `nowMs`: either delay-seconds (a non-negative
 * integer) or an HTTP-date (RFC 9110 §5.6.7). Undefined when absent or unparseable.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the day name ("Sun, 06 Nov 1994 08:49:37 GMT").
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export function failureForStatus(status: number, retryAfter: string | null, nowMs: number, message?: string): SendFailure {
  const retryable = isRetryableStatus(status);
  const retryInMs = retryable ? parseRetryAfterMs(retryAfter, nowMs) : undefined;
  const serverCode = serverCodeOf(message);
  return {
    ok: false,
    retryable,
    status,
    code: 'GP_SDK_HTTP_STATUS',
    ...(status === 413 ? { tooLarge: true } : {}),
    ...(serverCode ? { serverCode } : {}),
    ...(retryInMs !== undefined ? { retryInMs } : {}),
    ...(message ? { message } : {}),
  };
}
