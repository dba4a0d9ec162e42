import { describe, expect, it } from 'vitest';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { failureForGrpcError, parseGrpcTarget } from './grpc-transport.ts';

function error(code: status, md: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(md)) metadata.set(k, v);
  return Object.assign(new Error('x'), { code, details: 'd', metadata });
}

describe('node/grpc-transport', () => {
  it('maps the collector’s refusals: retry-after seconds, gp-error-code, too-large codes split, UNIMPLEMENTED falls back', () => {
    expect(failureForGrpcError(error(status.UNAVAILABLE, { 'retry-after': '3', 'gp-error-code': 'GP_LOG_UNAVAILABLE' }))).toMatchObject({
      retryable: true,
      retryInMs: 3_000,
      serverCode: 'GP_LOG_UNAVAILABLE',
    });
    expect(failureForGrpcError(error(status.RESOURCE_EXHAUSTED, { 'grpc-retry-pushback-ms': '250' }))).toMatchObject({
      retryable: true,
      retryInMs: 250,
    });
    expect(failureForGrpcError(error(status.RESOURCE_EXHAUSTED, { 'gp-error-code': 'GP_BODY_TOO_LARGE' }))).toMatchObject({
      retryable: false,
      tooLarge: true,
    });
    expect(failureForGrpcError(error(status.PERMISSION_DENIED, { 'gp-error-code': 'GP_AUTH_KEY_INVALID' }))).toMatchObject({
      retryable: false,
      serverCode: 'GP_AUTH_KEY_INVALID',
    });
    expect(failureForGrpcError(error(status.UNIMPLEMENTED))).toMatchObject({ retryable: true, code: 'GP_SDK_TRANSPORT_UNAVAILABLE' });
  });

  it('reads plaintext and TLS targets', () => {
    expect(parseGrpcTarget('http://127.0.0.1:50051')).toEqual({ target: '127.0.0.1:50051', secure: false });
    expect(parseGrpcTarget('https://c.example.com')).toEqual({ target: 'c.example.com', secure: true });
    expect(parseGrpcTarget('c.example.com:443')).toEqual({ target: 'c.example.com:443', secure: true });
  });
});
