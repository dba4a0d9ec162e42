import { describe, expect, it } from 'vitest';
import { labelsFingerprint, rfc3339 } from './alert-wire.ts';

describe('alerts/delivery/alert-wire', () => {
  it('formats RFC 3339 in UTC', () => {
    expect(rfc3339(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02T03:04:05.006Z');
  });

  it('fingerprints like prometheus/common: the FNV-1a 64 offset basis for no labels', () => {
    // hashNew() of prometheus/common model/fnv.go.
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
  });

  it('fingerprints by sorted name, so insertion order does not matter; any pair changes it', () => {
    const a = labelsFingerprint({ alertname: 'X', game: 'g1' });
    expect(labelsFingerprint({ game: 'g1', alertname: 'X' })).toBe(a);
    expect(labelsFingerprint({ alertname: 'X', game: 'g2' })).not.toBe(a);
    // The separator keeps name/value boundaries apart: a="bc" differs from ab="c".
    expect(labelsFingerprint({ a: 'bc' })).not.toBe(labelsFingerprint({ ab: 'c' }));
  });
});
