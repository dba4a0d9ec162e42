import { describe, expect, it } from 'vitest';
import { dayStartMs, eventTimeMs, MAX_EVENT_TIME_MS, WINDOW_MS, windowStartMs } from './tumbling.ts';

describe('processor/src/windows/tumbling', () => {
  it('puts the last millisecond of a minute in that minute and the next one in the next', () => {
    expect(windowStartMs(0)).toBe(0);
    expect(windowStartMs(59_999)).toBe(0);
    expect(windowStartMs(60_000)).toBe(60_000);
    const t = Date.UTC(2025, 5, 1, 12, 34, 56, 789);
    expect(windowStartMs(t)).toBe(Date.UTC(2025, 5, 1, 12, 34));
    expect(windowStartMs(Date.UTC(2025, 5, 1, 12, 35) - 1)).toBe(Date.UTC(2025, 5, 1, 12, 34));
  });

  it('floors below the epoch instead of truncating toward zero', () => {
    expect(windowStartMs(-1)).toBe(-WINDOW_MS);
  });

  it('cuts UTC days', () => {
    expect(dayStartMs(Date.UTC(2025, 0, 15, 23, 59, 59, 999))).toBe(Date.UTC(2025, 0, 15));
    expect(dayStartMs(Date.UTC(2025, 0, 16))).toBe(Date.UTC(2025, 0, 16));
  });

  it('uses the client time when usable, else the first usable fallback', () => {
    expect(eventTimeMs(1_700_000_000_123, 5)).toEqual({ tsMs: 1_700_000_000_123, fallback: false });
    for (const bad of [0, -5, Number.NaN, 1.5, 2 ** 60, MAX_EVENT_TIME_MS + 1])
      expect(eventTimeMs(bad, 1_700_000_000_000)).toEqual({ tsMs: 1_700_000_000_000, fallback: true });
    expect(eventTimeMs(MAX_EVENT_TIME_MS, 1)).toEqual({ tsMs: MAX_EVENT_TIME_MS, fallback: false });
    // receive time unset (0) or bogus: the log's append time
    expect(eventTimeMs(-1, 0, 1_700_000_000_999)).toEqual({ tsMs: 1_700_000_000_999, fallback: true });
    expect(eventTimeMs(-1, -7, 1_700_000_000_999)).toEqual({ tsMs: 1_700_000_000_999, fallback: true });
  });
});
