/**
 * Split pieces and their parent's identity: the header fields of halves and quarters
 * (split_of_sequence, split_parent_digest, stream_id), which ancestor a piece names,
 * and which stored batches a restart drops as never-sent pieces.
 */
import { describe, expect, it } from 'vitest';
import { batchDigest, EventBatch } from '@gamepulse/proto';
import { encodeEvent } from '@gamepulse/proto/sdk';
import { encodeBatch, type FrozenBatch } from './frozen-batch.ts';
import { eventIdsOf, parentForHalves, splitBatch, splitParentOf, unsentPieces } from './split.ts';

const STREAM = 2 ** 52 + 12_345;
const ids = Array.from({ length: 8 }, (_, i) => `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`);

function root(sequence = 7): FrozenBatch {
  const bytes = encodeBatch(
    {
      installId: 'install-1',
      batchSequence: sequence,
      streamId: STREAM,
      sentAtMs: 1_735_689_700_000,
      context: { gameId: 'g' },
      sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 2 }, queued: 1 },
    },
    ids.map((eventId, i) => ({
      bytes: encodeEvent({ eventId, installId: 'install-1', sessionId: 's', clientTsMs: 1_735_689_600_000 + i, design: { eventId: 'x' } }),
      sequence: 100 + i,
      sessionNumber: 1,
    })),
  );
  return Object.freeze({ sequence, bytes, eventCount: ids.length });
}

/** The header as the collector decodes it (independent of split.ts's own reading). */
function header(b: FrozenBatch) {
  const m = EventBatch.decode(b.bytes);
  return {
    batchSequence: Number(m.batchSequence),
    streamId: Number(m.streamId),
    splitOfSequence: Number(m.splitOfSequence),
    splitParentDigest: m.splitParentDigest,
    eventIds: m.events.map((e) => e.eventId),
    health: m.sdkHealth !== undefined,
  };
}

function counter(start: number) {
  let next = start;
  return () => next++;
}

describe('core/split', () => {
  it('halves carry new sequences, the same stream, and name the whole by its sequence and the digest of all its event ids', () => {
    const whole = root();
    const [a, b] = splitBatch(whole, counter(8), parentForHalves(whole, true));
    const digest = batchDigest(ids);
    expect(header(a)).toEqual({
      batchSequence: 8,
      streamId: STREAM,
      splitOfSequence: 7,
      splitParentDigest: digest,
      eventIds: ids.slice(0, 4),
      health: true,
    });
    expect(header(b)).toEqual({
      batchSequence: 9,
      streamId: STREAM,
      splitOfSequence: 7,
      splitParentDigest: digest,
      eventIds: ids.slice(4),
      health: false,
    });
    expect(splitParentOf(a.bytes)).toEqual({ sequence: 7, digest });
    expect(splitParentOf(whole.bytes)).toEqual({ sequence: 0, digest: 0 });
    // A batch that is not a piece names itself whether or not it may have been stored.
    expect(parentForHalves(whole, false)).toEqual({ sequence: 7, digest });
  });

  it('quarters of a half that may have been stored name the half (its sequence and digest)', () => {
    const whole = root();
    const [a] = splitBatch(whole, counter(8), parentForHalves(whole, true));
    const [q1, q2] = splitBatch(a, counter(10), parentForHalves(a, true));
    for (const [q, part] of [
      [q1, ids.slice(0, 2)],
      [q2, ids.slice(2, 4)],
    ] as const) {
      const h = header(q);
      expect(h.splitOfSequence).toBe(8);
      expect(h.splitParentDigest).toBe(batchDigest(ids.slice(0, 4)));
      expect(h.streamId).toBe(STREAM);
      expect(h.eventIds).toEqual(part);
      // One split field of each kind: the half's own names were replaced, not repeated.
      expect(EventBatch.decode(q.bytes).splitOfSequence).toBe(8);
    }
    expect([header(q1).batchSequence, header(q2).batchSequence]).toEqual([10, 11]);
    expect(header(q1).health).toBe(true);
    expect(header(q2).health).toBe(false);
  });

  it('quarters of a half whose every attempt was refused name the whole (nothing of the half can be stored)', () => {
    const whole = root();
    const [, b] = splitBatch(whole, counter(8), parentForHalves(whole, true));
    const [q1, q2] = splitBatch(b, counter(10), parentForHalves(b, false));
    for (const q of [q1, q2]) expect(splitParentOf(q.bytes)).toEqual({ sequence: 7, digest: batchDigest(ids) });
    expect(eventIdsOf(q2)).toEqual(ids.slice(6));
  });

  it('a restart drops stored pieces that sit next to their parent (never sent), and keeps pieces whose parent is gone', () => {
    const whole = root();
    const [a, b] = splitBatch(whole, counter(8), parentForHalves(whole, true));
    const [q1] = splitBatch(a, counter(10), parentForHalves(a, true));
    expect(unsentPieces([a, whole, b])).toEqual([a, b]);
    expect(unsentPieces([a, b])).toEqual([]);
    expect(unsentPieces([a, q1, b])).toEqual([q1]);
    expect(unsentPieces([whole])).toEqual([]);
  });
});
