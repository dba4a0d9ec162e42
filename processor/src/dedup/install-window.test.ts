import { describe, expect, it } from 'vitest';
import { classify, deserializeWindow, emptyWindow, observe, serializeWindow, SERIALIZED_BYTES, WINDOW_SIZE } from './install-window.ts';

const run = (seqs: number[]) => {
  const w = emptyWindow();
  return { w, verdicts: seqs.map((s) => observe(w, s)) };
};

describe('processor/src/dedup/install-window', () => {
  it("accepts an install's batches in order, each once", () => {
    const { w, verdicts } = run([1, 2, 3, 4, 5]);
    expect(verdicts).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(w.maxSeq).toBe(5);
    expect(w.seenBelow).toBe(0b1111n); // 4, 3, 2, 1
  });

  it('drops re-sends of the latest batch and of earlier ones in the window', () => {
    const { verdicts } = run([1, 2, 2, 3, 1, 3, 2]);
    expect(verdicts).toEqual(['new', 'new', 'duplicate', 'new', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('accepts batches out of order within 64 exactly once', () => {
    const { w, verdicts } = run([10, 3, 7, 3, 9, 10, 1, 7, 74]);
    expect(verdicts).toEqual(['new', 'new', 'new', 'duplicate', 'new', 'duplicate', 'new', 'duplicate', 'new']);
    // after 74 the window covers 10..73: 10 is still known, 9 fell out
    expect(observe(w, 10)).toBe('duplicate');
    expect(observe(w, 9)).toBe('too_old');
    expect(observe(w, 11)).toBe('new');
  });

  it('calls anything older than the window too_old, at the exact edge', () => {
    const w = emptyWindow();
    observe(w, 100);
    expect(classify(w, 100 - WINDOW_SIZE)).toBe('new'); // bit 63: the oldest in the window
    expect(observe(w, 100 - WINDOW_SIZE)).toBe('new');
    expect(observe(w, 100 - WINDOW_SIZE)).toBe('duplicate');
    expect(observe(w, 100 - WINDOW_SIZE - 1)).toBe('too_old');
    expect(observe(w, 1)).toBe('too_old');
  });

  it('forgets the old max when a jump exceeds the window, and keeps it at exactly 64', () => {
    const a = emptyWindow();
    observe(a, 5);
    observe(a, 5 + 64); // old max lands on bit 63
    expect(observe(a, 5)).toBe('duplicate');
    const b = emptyWindow();
    observe(b, 5);
    observe(b, 5 + 65);
    expect(observe(b, 5)).toBe('too_old');
    expect(observe(b, 6)).toBe('new'); // 6 = 70 - 64: inside, never seen
  });

  it('keeps the bitmap within 64 bits over long runs', () => {
    const w = emptyWindow();
    for (let s = 1; s <= 1000; s++) observe(w, s);
    expect(w.seenBelow).toBe((1n << 64n) - 1n);
    expect(observe(w, 1000 - 64)).toBe('duplicate');
    expect(observe(w, 1000 - 65)).toBe('too_old');
  });

  it('classify answers like observe without changing the window', () => {
    const w = emptyWindow();
    for (const s of [4, 1, 9]) observe(w, s);
    const before = { ...w };
    expect([1, 2, 9, 10].map((s) => classify(w, s))).toEqual(['duplicate', 'new', 'duplicate', 'new']);
    expect(w).toEqual(before);
  });

  it('round-trips through its 17 bytes, and rejects another format', () => {
    const w = emptyWindow();
    for (const s of [2 ** 40, 2 ** 40 - 3, 2 ** 40 - 64]) observe(w, s);
    const bytes = serializeWindow(w);
    expect(bytes.length).toBe(SERIALIZED_BYTES);
    const back = deserializeWindow(bytes);
    expect(back).toEqual(w);
    expect(observe(back, 2 ** 40 - 3)).toBe('duplicate');
    expect(observe(back, 2 ** 40 - 2)).toBe('new');
    // a view into a larger buffer, as a database driver may hand it back
    const padded = new Uint8Array(40);
    padded.set(bytes, 7);
    expect(deserializeWindow(padded.subarray(7, 7 + SERIALIZED_BYTES))).toEqual(w);
    expect(() => deserializeWindow(Uint8Array.from([2, ...bytes.subarray(1)]))).toThrow(/unknown format/);
    expect(() => deserializeWindow(bytes.subarray(0, 9))).toThrow(/unknown format/);
  });

  it('matches a brute-force set model on random traffic', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const w = emptyWindow();
    const seen = new Set<number>();
    let max = 0;
    for (let i = 0; i < 5000; i++) {
      const seq = Math.max(1, max + Math.floor(rnd() * 20) - 12);
      const expected = seq > max ? 'new' : max - 1 - seq >= WINDOW_SIZE && seq !== max ? 'too_old' : seen.has(seq) ? 'duplicate' : 'new';
      expect(observe(w, seq)).toBe(expected);
      if (expected === 'new') seen.add(seq);
      max = Math.max(max, seq);
    }
  });
});
