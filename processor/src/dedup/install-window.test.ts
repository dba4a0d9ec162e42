import { batchDigest } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import {
  classify,
  deserializeWindow,
  emptyWindow,
  MAX_COLLISIONS,
  observe,
  serializeWindow,
  V1_BYTES,
  WINDOW_SIZE,
  type BatchIdentity,
  type InstallWindow,
} from './install-window.ts';

/** The batch first sent at `seq` (its digest derives from seq); `other` picks a different batch there. */
const b = (seq: number, other = 0): BatchIdentity => ({ seq, digest: batchDigest([`${seq}/${other}`]), splitOf: 0, splitParentDigest: 0 });
const half = (seq: number, parent: BatchIdentity, salt = 1): BatchIdentity => ({
  ...b(seq, 1000 + salt),
  splitOf: parent.seq,
  splitParentDigest: parent.digest,
});

const run = (seqs: number[]) => {
  const w = emptyWindow();
  return { w, verdicts: seqs.map((s) => observe(w, b(s))) };
};

/** A window as format 1 stored it: numbers only, no digests. */
function v1Bytes(maxSeq: number, seenBelow: bigint): Uint8Array {
  const out = new Uint8Array(V1_BYTES);
  const view = new DataView(out.buffer);
  view.setUint8(0, 1);
  view.setBigUint64(1, BigInt(maxSeq));
  view.setBigUint64(9, seenBelow);
  return out;
}

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

  it('accepts batches out of order within 64 exactly once (reorder inside the window)', () => {
    const { w, verdicts } = run([10, 3, 7, 3, 9, 10, 1, 7, 74]);
    expect(verdicts).toEqual(['new', 'new', 'new', 'duplicate', 'new', 'duplicate', 'new', 'duplicate', 'new']);
    // after 74 the window covers 10..73: 10 is still known, 9 fell out
    expect(observe(w, b(10))).toBe('duplicate');
    expect(observe(w, b(9))).toBe('too_old');
    expect(observe(w, b(11))).toBe('new');
  });

  it('drops a re-send far behind (60 batches back, inside the window) and calls one beyond it too_old', () => {
    const { w } = run(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(observe(w, b(40))).toBe('duplicate'); // 100 - 60
    expect(observe(w, b(36))).toBe('duplicate'); // 100 - 64: the oldest in the window
    expect(observe(w, b(35))).toBe('too_old');
    expect(observe(w, b(35, 1))).toBe('too_old'); // whatever it holds: nothing is known that far back
    expect(w.maxSeq).toBe(100);
  });

  it('calls anything older than the window too_old, at the exact edge', () => {
    const w = emptyWindow();
    observe(w, b(100));
    expect(classify(w, b(100 - WINDOW_SIZE))).toBe('new'); // bit 63: the oldest in the window
    expect(observe(w, b(100 - WINDOW_SIZE))).toBe('new');
    expect(observe(w, b(100 - WINDOW_SIZE))).toBe('duplicate');
    expect(observe(w, b(100 - WINDOW_SIZE - 1))).toBe('too_old');
    expect(observe(w, b(1))).toBe('too_old');
  });

  it('forgets the old max when a jump exceeds the window, and keeps it at exactly 64', () => {
    const a = emptyWindow();
    observe(a, b(5));
    observe(a, b(5 + 64)); // old max lands on bit 63
    expect(observe(a, b(5))).toBe('duplicate');
    const c = emptyWindow();
    observe(c, b(5));
    observe(c, b(5 + 65));
    expect(observe(c, b(5))).toBe('too_old');
    expect(observe(c, b(6))).toBe('new'); // 6 = 70 - 64: inside, never seen
  });

  it('keeps the bitmap within 64 bits over long runs', () => {
    const w = emptyWindow();
    for (let s = 1; s <= 1000; s++) observe(w, b(s));
    expect(w.seenBelow).toBe((1n << 64n) - 1n);
    expect(observe(w, b(1000 - 64))).toBe('duplicate');
    expect(observe(w, b(1000 - 65))).toBe('too_old');
  });

  it('calls a different batch under a seen sequence a collision, folds it once, and drops its re-sends', () => {
    const { w } = run([1, 2, 3, 4, 5]);
    // A restart with memory storage: sequence 1 again, other events.
    expect(observe(w, b(1, 1))).toBe('collision');
    expect(observe(w, b(1, 1))).toBe('duplicate'); // its re-send
    expect(observe(w, b(1))).toBe('duplicate'); // the original's re-send, still known
    expect(observe(w, b(1, 2))).toBe('collision'); // a third batch at 1
    expect(observe(w, b(1, 2))).toBe('duplicate');
    // Also at the max, and its re-sends there.
    expect(observe(w, b(5, 1))).toBe('collision');
    expect(observe(w, b(5, 1))).toBe('duplicate');
    expect(w.maxSeq).toBe(5);
    expect(w.collisions).toHaveLength(6);
  });

  it('forgets collisions with the sequences they sit at, and keeps at most MAX_COLLISIONS', () => {
    const { w } = run([1, 2, 3]);
    observe(w, b(2, 1));
    observe(w, b(66)); // window 2..66: the collision at 2 is kept
    expect(observe(w, b(2, 1))).toBe('duplicate');
    observe(w, b(67)); // 2 leaves the window
    expect(w.collisions).toBeUndefined();
    observe(w, b(60));
    for (let i = 1; i <= MAX_COLLISIONS + 3; i++) expect(observe(w, b(60, i))).toBe('collision');
    expect(w.collisions).toHaveLength(2 * MAX_COLLISIONS);
    expect(observe(w, b(60, MAX_COLLISIONS + 3))).toBe('duplicate');
    expect(observe(w, b(60, 4))).toBe('duplicate');
    expect(classify(w, b(60, 1))).toBe('collision'); // the oldest were forgotten
  });

  it('treats an unknown digest (0) on either side as the same batch, as before digests', () => {
    const w = deserializeWindow(v1Bytes(10, 0b101n)); // 10, 9, 7 seen
    expect(observe(w, b(10))).toBe('duplicate');
    expect(observe(w, b(9, 3))).toBe('duplicate');
    expect(observe(w, b(8))).toBe('new');
    expect(observe(w, b(8, 1))).toBe('collision'); // 8 has a digest now
    const x = emptyWindow();
    observe(x, b(4));
    expect(observe(x, { ...b(4), digest: 0 })).toBe('duplicate'); // a record without digest
  });

  it('drops a 413 half whose parent was stored whole, and remembers the half itself', () => {
    const { w } = run([1, 2, 3]);
    const h1 = half(4, b(3), 1);
    const h2 = half(5, b(3), 2);
    expect(observe(w, h1)).toBe('split_duplicate');
    expect(observe(w, h1)).toBe('duplicate'); // the half's re-send
    expect(observe(w, h2)).toBe('split_duplicate');
    expect(w.maxSeq).toBe(5);
    expect(observe(w, b(6))).toBe('new'); // the stream goes on
    expect(observe(w, b(3))).toBe('duplicate'); // the parent's own re-send
  });

  it('counts a 413 half when its parent was not stored, or was another batch, and never marks the parent', () => {
    const { w } = run([1, 2]);
    // Parent 3 never reached the log (refused as too large): its halves are new.
    const h1 = half(4, b(3), 1);
    const h2 = half(5, b(3), 2);
    expect(observe(w, h1)).toBe('new');
    expect(observe(w, h2)).toBe('new');
    expect(classify(w, b(3))).toBe('new'); // halves do not mark the parent's slot
    expect(observe(w, h2)).toBe('duplicate');
    // Parent 2 was stored, but another batch than the one these halves come from.
    expect(observe(w, half(6, b(2, 9)))).toBe('new');
    // A parent older than the window: judged by the half's own sequence.
    const far = run(Array.from({ length: 80 }, (_, i) => i + 1)).w;
    expect(observe(far, half(81, b(10)))).toBe('new');
    // A parent known only without digest (format 1): no proof, the half counts.
    const legacy = deserializeWindow(v1Bytes(7, 0n));
    expect(observe(legacy, half(8, b(7)))).toBe('new');
  });

  it('classify answers like observe without changing the window', () => {
    const w = emptyWindow();
    for (const s of [4, 1, 9]) observe(w, b(s));
    const before = serializeWindow(w);
    expect([b(1), b(2), b(9), b(10), b(9, 1), half(11, b(9))].map((x) => classify(w, x))).toEqual([
      'duplicate',
      'new',
      'duplicate',
      'new',
      'collision',
      'split_duplicate',
    ]);
    expect(serializeWindow(w)).toEqual(before);
  });

  const same = (x: InstallWindow, y: InstallWindow) => {
    expect(y.maxSeq).toBe(x.maxSeq);
    expect(y.seenBelow).toBe(x.seenBelow);
    expect(y.collisions).toEqual(x.collisions);
    for (let s = Math.max(1, x.maxSeq - 70); s <= x.maxSeq + 2; s++)
      for (const other of [0, 1, 2]) expect(classify(y, b(s, other)), `seq ${s}/${other}`).toBe(classify(x, b(s, other)));
  };

  it('round-trips through format 2 (278 bytes + 5 per collision)', () => {
    const w = emptyWindow();
    for (const s of [2 ** 40, 2 ** 40 - 3, 2 ** 40 - 64]) observe(w, b(s));
    observe(w, b(2 ** 40 - 3, 1));
    const bytes = serializeWindow(w);
    expect(bytes[0]).toBe(2);
    expect(bytes.length).toBe(278 + 5);
    same(w, deserializeWindow(bytes));
    // a view into a larger buffer, as a database driver may hand it back
    const padded = new Uint8Array(bytes.length + 40);
    padded.set(bytes, 7);
    same(w, deserializeWindow(padded.subarray(7, 7 + bytes.length)));
    const full = run(Array.from({ length: 200 }, (_, i) => i + 1)).w;
    expect(serializeWindow(full).length).toBe(278);
    same(full, deserializeWindow(serializeWindow(full)));
    expect(() => deserializeWindow(Uint8Array.from([3, ...bytes.subarray(1)]))).toThrow(/unknown format/);
    expect(() => deserializeWindow(bytes.subarray(0, bytes.length - 1))).toThrow(/unknown format/);
    expect(() => deserializeWindow(bytes.subarray(0, 9))).toThrow(/unknown format/);
  });

  it('reads format 1 (17 bytes, no digests): re-sends across the upgrade are still duplicates', () => {
    const w = deserializeWindow(v1Bytes(2 ** 40, 0b101n));
    expect(w.maxSeq).toBe(2 ** 40);
    expect([2 ** 40, 2 ** 40 - 1, 2 ** 40 - 2, 2 ** 40 - 3].map((s) => observe(w, b(s, 5)))).toEqual([
      'duplicate',
      'duplicate',
      'new',
      'duplicate',
    ]);
    expect(deserializeWindow(serializeWindow(w)).maxSeq).toBe(2 ** 40);
  });

  it('matches a brute-force model (sets of digests per sequence) on random traffic with collisions and splits', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const w = emptyWindow();
    const seen = new Map<number, Set<number>>();
    let max = 0;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 8000; i++) {
      const back = rnd() < 0.03 ? 55 + Math.floor(rnd() * 20) : 12;
      const seq = Math.max(1, max + Math.floor(rnd() * 20) - back);
      const other = rnd() < 0.15 ? 1 + Math.floor(rnd() * 3) : 0;
      let x = b(seq, other);
      if (rnd() < 0.1 && seq > 2) {
        const parentSeq = seq - 1 - Math.floor(rnd() * 3);
        x = half(seq, b(parentSeq, rnd() < 0.5 ? 0 : 1), Math.floor(rnd() * 2));
      }
      const inWindow = seq > max || max - seq <= WINDOW_SIZE;
      const at = seen.get(seq);
      const parentKnown = x.splitOf > 0 && max - x.splitOf <= WINDOW_SIZE && !!seen.get(x.splitOf)?.has(x.splitParentDigest);
      const expected = !inWindow ? 'too_old' : at?.has(x.digest) ? 'duplicate' : parentKnown ? 'split_duplicate' : at ? 'collision' : 'new';
      expect(observe(w, x), `step ${i}: seq ${seq}`).toBe(expected);
      counts[expected] = (counts[expected] ?? 0) + 1;
      if (expected !== 'duplicate' && expected !== 'too_old') {
        if (!at) seen.set(seq, new Set([x.digest]));
        else at.add(x.digest);
      }
      max = Math.max(max, seq);
      for (const s of seen.keys()) if (max - s > WINDOW_SIZE) seen.delete(s);
      if (i % 500 === 0) same(w, deserializeWindow(serializeWindow(w)));
    }
    for (const v of ['new', 'duplicate', 'collision', 'split_duplicate', 'too_old']) expect(counts[v], v).toBeGreaterThan(20);
  });
});
