import { describe, expect, it } from 'vitest';
import { LIMITS } from '@gamepulse/proto';
import { GamepulseConfigError } from './codes.ts';
import { resolveOptions } from './options.ts';

const required = { gameKey: 'k', endpoint: 'https://collect.example.com/', gameId: 'g' };

describe('core/options', () => {
  it('applies the documented defaults', () => {
    const o = resolveOptions(required);
    expect(o).toMatchObject({
      endpoint: 'https://collect.example.com',
      flushIntervalMs: 5_000,
      maxBatchEvents: 500,
      maxBatchBytes: 262_144,
      maxQueueBytes: 4_194_304,
      compressMinBytes: 1_024,
      sendTimeoutMs: 10_000,
      flushTimeoutMs: 10_000,
      maxBufferedBeforeReady: 1_000,
      retry: { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 },
    });
    expect(o.context).toEqual({
      gameId: 'g',
      build: '',
      platform: '',
      os: '',
      locale: '',
      device: '',
      country: '',
      sdkVersion: 'js/0.1.0',
    });
  });

  it('clamps out-of-range numbers instead of failing', () => {
    const o = resolveOptions({
      ...required,
      maxBatchEvents: 50_000,
      maxBatchBytes: 10,
      maxQueueBytes: 1,
      flushIntervalMs: -1,
      retry: { baseDelayMs: 1_000, maxDelayMs: 10 },
    });
    expect(o.maxBatchEvents).toBe(LIMITS.batchMaxEvents);
    expect(o.maxBatchBytes).toBe(4_096);
    expect(o.maxQueueBytes).toBe(4_096);
    expect(o.flushIntervalMs).toBe(1);
    expect(o.retry.maxDelayMs).toBe(1_000);
  });

  it('throws GamepulseConfigError (at creation, never later) for missing or invalid required options', () => {
    expect(() => resolveOptions({ ...required, gameKey: '' })).toThrow(GamepulseConfigError);
    expect(() => resolveOptions({ ...required, gameId: 'has/slash' })).toThrow(/context.game_id/);
    expect(() => resolveOptions({ ...required, installId: 'x'.repeat(200) })).toThrow(/installId/);
    try {
      resolveOptions({} as never);
    } catch (e) {
      expect((e as GamepulseConfigError).code).toBe('GP_SDK_CONFIG_INVALID');
      expect((e as GamepulseConfigError).problems).toEqual(['gameKey is required', 'endpoint is required', 'gameId is required']);
    }
  });
});
