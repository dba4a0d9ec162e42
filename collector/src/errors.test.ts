import { describe, expect, it } from 'vitest';
import { GRPC_STATUS } from '@gamepulse/service';
import { COLLECTOR_ERRORS, failure } from './errors.ts';

describe('collector/errors', () => {
  it('exactly the 429 and 5xx codes are retryable', () => {
    for (const def of Object.values(COLLECTOR_ERRORS))
      expect(def.retryable, def.code).toBe(def.httpStatus >= 500 || def.httpStatus === 429);
  });

  it('answers the log codes it passes on with the log table definitions', () => {
    expect(COLLECTOR_ERRORS.GP_LOG_UNAVAILABLE).toMatchObject({
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      retryable: true,
      docsUrl: 'log/README.md#every-log',
    });
    expect(COLLECTOR_ERRORS.GP_LOG_RECORD_TOO_LARGE).toMatchObject({
      httpStatus: 413,
      grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED,
      retryable: false,
    });
    expect(COLLECTOR_ERRORS.GP_AUTH_KEY_INVALID.docsUrl).toBe('collector/README.md#error-codes');
  });

  it('failure() carries the table message unless a detail is given', () => {
    expect(failure('GP_AUTH_KEY_INVALID')).toEqual({
      ok: false,
      code: 'GP_AUTH_KEY_INVALID',
      message: COLLECTOR_ERRORS.GP_AUTH_KEY_INVALID.message,
      retryable: false,
    });
    expect(failure('GP_LOG_UNAVAILABLE', 'down', 3)).toEqual({
      ok: false,
      code: 'GP_LOG_UNAVAILABLE',
      message: 'down',
      retryable: true,
      retryAfterS: 3,
    });
  });
});
