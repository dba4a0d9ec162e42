import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '@gamepulse/proto';
import { createDefaultRandom, createSeededRandom } from './random.ts';
import { createUuidV7Generator, uuidV7Timestamp } from './uuid-v7.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T = Date.UTC(2025, 5, 1, 12, 0, 0, 123);

describe('core/uuid-v7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, the timestamp in the first 48 bits', () => {
    const next = createUuidV7Generator(createDefaultRandom());
    const id = next(T);
    expect(id).toMatch(V7);
    expect(id).toMatch(UUID_PATTERN);
    expect(uuidV7Timestamp(id)).toBe(T);
    expect(id.slice(0, 13)).toBe(`${T.toString(16).padStart(12, '0').slice(0, 8)}-${T.toString(16).padStart(12, '0').slice(8)}`);
  });

  it('sorts by time across milliseconds', () => {
    const next = createUuidV7Generator(createDefaultRandom());
    const ids = [T, T + 1, T + 2, T + 1000, T + 86_400_000].map((ms) => next(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is strictly increasing within one millisecond (monotonic counter)', () => {
    const next = createUuidV7Generator(createSeededRandom(7));
    const ids = Array.from({ length: 10_000 }, () => next(T));
    const outOfOrder = ids.filter((id, i) => i > 0 && !(id > ids[i - 1]!));
    expect(outOfOrder).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => uuidV7Timestamp(id) !== T)).toEqual([]);
  });

  it('stays increasing when the clock goes backwards', () => {
    const next = createUuidV7Generator(createSeededRandom(3));
    const a = next(T);
    const b = next(T - 5_000);
    expect(b > a).toBe(true);
    expect(uuidV7Timestamp(b)).toBe(T);
  });

  it('carries the counter from rand_b into rand_a within a millisecond', () => {
    // A source of 0xff bytes seeds the counter at its highest start value (top bit
    // clear): rand_a = 0x7ff, low 30 bits all ones. The next id carries into rand_a.
    const ones = { next: () => 0.999, fill: (b: Uint8Array) => b.fill(0xff) };
    const next = createUuidV7Generator(ones);
    const first = next(T);
    const second = next(T);
    expect(first.slice(14, 18)).toBe('77ff');
    expect(second.slice(14, 18)).toBe('7800'); // version 7 + rand_a 0x800
    expect(second.slice(19, 23)).toBe('8000'); // variant 10 + low counter bits back at 0
    expect(second > first).toBe(true);
    expect(uuidV7Timestamp(second)).toBe(T);
  });

  it('is reproducible with a seeded source', () => {
    const a = createUuidV7Generator(createSeededRandom(42));
    const b = createUuidV7Generator(createSeededRandom(42));
    expect([a(T), a(T), a(T + 1)]).toEqual([b(T), b(T), b(T + 1)]);
  });
});
