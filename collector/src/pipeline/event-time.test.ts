import { describe, expect, it } from 'vitest';
import { correctEventTime } from './event-time.ts';

const R = Date.UTC(2026, 10, 27, 12);
const rule = { maxFutureMs: 300_000, maxPastMs: 90 * 86_400_000, correctSkewAboveMs: 0 };
const H = 3_600_000;

describe('collector/pipeline/event-time', () => {
  it('leaves plausible times alone, old offline events included', () => {
    expect(correctEventTime(R - 1000, 0, { receivedAtMs: R, sentAtMs: R - 500, clockOffsetMs: 0 }, rule)).toBeUndefined();
    expect(correctEventTime(R - 30 * 86_400_000, 0, { receivedAtMs: R, sentAtMs: R - 30 * 86_400_000 }, rule)).toBeUndefined();
    expect(correctEventTime(R + 299_000, 0, { receivedAtMs: R }, rule)).toBeUndefined();
  });

  it('future: shifts by the SDK clock offset when that lands in range', () => {
    // Device clock 2 h ahead; the SDK measured offset −2 h from its last ack.
    expect(correctEventTime(R + 2 * H - 5000, 3, { receivedAtMs: R, sentAtMs: R + 2 * H, clockOffsetMs: -2 * H }, rule)).toEqual({
      index: 3,
      originalMs: R + 2 * H - 5000,
      correctedMs: R - 5000,
      reason: 'future',
      method: 'clock_offset',
    });
  });

  it('future without an offset: R − (sent_at − t), the skew cancelling out', () => {
    expect(correctEventTime(R + 2 * H - 5000, 0, { receivedAtMs: R, sentAtMs: R + 2 * H }, rule)).toMatchObject({
      correctedMs: R - 5000,
      method: 'sent_at',
    });
  });

  it('past (clock reset to 1970-ish): offset first, then sent_at, then receive time', () => {
    const t = 86_400_000; // 1970-01-02
    expect(correctEventTime(t, 0, { receivedAtMs: R, clockOffsetMs: R - t - 1000 }, rule)).toMatchObject({
      correctedMs: R - 1000,
      reason: 'past',
      method: 'clock_offset',
    });
    expect(correctEventTime(t, 0, { receivedAtMs: R, sentAtMs: t + 60_000 }, rule)).toMatchObject({
      correctedMs: R - 60_000,
      method: 'sent_at',
    });
    expect(correctEventTime(t, 0, { receivedAtMs: R }, rule)).toMatchObject({ correctedMs: R, method: 'received_at' });
    // A stale offset that still lands out of range falls through to the next candidate.
    expect(correctEventTime(t, 0, { receivedAtMs: R, clockOffsetMs: 5, sentAtMs: t + 10 }, rule)).toMatchObject({
      correctedMs: R - 10,
      method: 'sent_at',
    });
  });

  it('optional skew correction moves plausible times by a large reported offset only', () => {
    const skew = { ...rule, correctSkewAboveMs: H };
    expect(correctEventTime(R - 2 * 86_400_000, 0, { receivedAtMs: R, clockOffsetMs: 2 * 86_400_000 }, skew)).toMatchObject({
      correctedMs: R,
      reason: 'skew',
    });
    expect(correctEventTime(R - 1000, 0, { receivedAtMs: R, clockOffsetMs: 30_000 }, skew)).toBeUndefined();
    expect(correctEventTime(R - 1000, 0, { receivedAtMs: R, clockOffsetMs: 2 * 86_400_000 }, skew)).toBeUndefined(); // would land in the future
  });
});
