import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CODES } from './validation/codes.ts';
import { MAX_DROPPED_PER_REASON, SDK_DROP_CODES, checkSdkHealth, dropReasonGroupOf, dropReasonOf, hasDrops } from './sdk-health.ts';

describe('proto/sdk-health', () => {
  it('keeps known reasons, merges unknown ones into other, leaves out unusable counts', () => {
    const h = checkSdkHealth({
      droppedByReason: {
        GP_SDK_QUEUE_FULL: 3,
        GP_EVENT_AMOUNT_INVALID: 2,
        ['x'.repeat(10_000)]: 4,
        ['__proto__']: 5,
        other: 1,
        GP_SDK_SHUTDOWN: -1,
        GP_SDK_QUEUE_EVICTED: 1.5,
        GP_SDK_CONSENT_DENIED: Number.NaN,
        GP_SDK_BATCH_REJECTED: MAX_DROPPED_PER_REASON + 1,
        GP_SDK_DELETION_REQUESTED: 0,
      },
      queued: 2 ** 60,
    });
    expect(h.droppedByReason).toEqual({ GP_SDK_QUEUE_FULL: 3, GP_EVENT_AMOUNT_INVALID: 2, other: 10 });
    expect(h.unknownReasons).toBe(2);
    expect(h.invalid).toBe(5); // four counts and queued
    expect(h.queued).toBeUndefined();
    expect(hasDrops(h)).toBe(true);
  });

  it('never throws on whatever a decoder hands over', () => {
    for (const bad of [undefined, null, 7, 'x', [], { droppedByReason: 'x' }, { droppedByReason: null, queued: 'many' }])
      expect(() => checkSdkHealth(bad as never)).not.toThrow();
    expect(hasDrops(checkSdkHealth({ droppedByReason: {}, queued: 4 }))).toBe(false);
    expect(checkSdkHealth({ queued: 4 }).queued).toBe(4);
  });

  it('groups every known reason, and anything else as other', () => {
    expect(dropReasonGroupOf('GP_SDK_QUEUE_EVICTED')).toBe('queue_full');
    expect(dropReasonGroupOf('GP_SDK_DELETION_REQUESTED')).toBe('consent');
    expect(dropReasonGroupOf('GP_SDK_EVENT_TOO_LARGE')).toBe('invalid');
    for (const c of Object.keys(EVENT_CODES)) expect(dropReasonGroupOf(c)).toBe('invalid');
    expect(dropReasonGroupOf('GP_SDK_FROM_THE_FUTURE')).toBe('other');
    expect(dropReasonOf('GP_SDK_FROM_THE_FUTURE')).toBe('other');
  });

  it('knows every code the SDK counts a drop under (sdk/src/core)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'sdk', 'src', 'core');
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/(?:drops\.add|#drop|\bdrop|#discardUnsent)\('(GP_[A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThanOrEqual(6);
    expect([...used].filter((c) => !(SDK_DROP_CODES as readonly string[]).includes(c) && !(c in EVENT_CODES))).toEqual([]);
  });
});
