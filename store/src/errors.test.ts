import { describe, expect, it } from 'vitest';
import { GamepulseError, GRPC_STATUS } from '@gamepulse/service';
import { AnalyticsError, isAnalyticsError } from './errors.ts';

describe('store/errors', () => {
  it('carries code, statuses, retryable flag, docs, context and cause', () => {
    const cause = new Error('disk full');
    const err = new AnalyticsError('GP_STORE_COMMIT_FAILED', 'rolled back', { cause, context: { consumer: 'p' } });
    expect(err).toBeInstanceOf(GamepulseError);
    expect(err).toMatchObject({
      name: 'AnalyticsError',
      code: 'GP_STORE_COMMIT_FAILED',
      message: 'rolled back',
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
      retryable: true,
      docsUrl: 'store/README.md#error-codes',
      context: { consumer: 'p' },
      cause,
    });
  });

  it('isAnalyticsError narrows by code', () => {
    const err = new AnalyticsError('GP_STORE_LOCKED', 'held');
    expect(isAnalyticsError(err)).toBe(true);
    expect(isAnalyticsError(err, 'GP_STORE_LOCKED')).toBe(true);
    expect(isAnalyticsError(err, 'GP_STORE_CLOSED')).toBe(false);
    expect(isAnalyticsError(new Error('x'))).toBe(false);
  });
});
