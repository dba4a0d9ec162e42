import { describe, expect, it } from 'vitest';
import { failureForStatus, isRetryableStatus, parseRetryAfterMs } from './http-status.ts';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('core/http/http-status', () => {
  it('retries 408, 429 and 5xx; treats other 4xx as final', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 422]) expect(isRetryableStatus(s)).toBe(false);
  });

  it('reads Retry-After as delay-seconds or as an HTTP-date (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfterMs('120', NOW)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfterMs(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('-5', NOW)).toBeUndefined();
    expect(parseRetryAfterMs(null, NOW)).toBeUndefined();
  });

  it('maps a status to a failure with the server wait hint for retryable ones only', () => {
    expect(failureForStatus(503, '7', NOW)).toEqual({
      ok: false,
      retryable: true,
      status: 503,
      code: 'GP_SDK_HTTP_STATUS',
      retryInMs: 7_000,
    });
    expect(failureForStatus(429, null, NOW)).toEqual({ ok: false, retryable: true, status: 429, code: 'GP_SDK_HTTP_STATUS' });
    expect(failureForStatus(400, '7', NOW, 'bad')).toEqual({
      ok: false,
      retryable: false,
      status: 400,
      code: 'GP_SDK_HTTP_STATUS',
      message: 'bad',
    });
  });
});
