/**
 * Test-only transport wrapper that makes deliveries happen more than once, the way a
 * flaky network does: the first try of some batches is sent twice (the collector
 * appends it twice), and for others the acknowledgement is "lost" (reported to the SDK
 * as a retryable failure), so the SDK's own retry re-sends the same bytes. The
 * processor must count every one of those events exactly once.
 *
 * Late copies (opt-in, `reorder` / `farBehind` / `tooOld`): a copy of an acknowledged
 * batch is kept and re-sent later, just before the SDK's first try of a newer batch —
 * after newer batches were stored, as a proxy or a retrying middlebox replaying old
 * requests does. `reorder`: 2–6 batches later; `farBehind`: 15–50 later (deep inside
 * the processor's 64-batch dedup window: dropped as duplicates); `tooOld`: 66–75 later
 * (past the window: the processor dead-letters them as GP_PROCESSOR_BATCH_TOO_OLD and
 * counts nothing). Each copy is classified when it is sent, from the highest sequence
 * this SDK instance had acknowledged / attempted, so the stats say exactly which batches
 * the store's dead letters must hold; a copy that could land on either side is not sent.
 */
import { EventBatch } from '@gamepulse/proto';
import type { FrozenBatch, SendResult, Transport } from '@gamepulse/sdk';
import type { Random } from '@gamepulse/testkit';

/** The processor's dedup window below the max (processor/src/dedup/install-window.ts). */
const DEDUP_WINDOW = 64;

export interface ResendStats {
  batches: number;
  doubled: number;
  ackLost: number;
  /** Late copies re-sent within 10 batches of the max (reordering inside the window). */
  reordered: number;
  /** Late copies re-sent 10–64 batches behind the max (inside the window). */
  farBehind: number;
  /** Late copies re-sent more than 64 batches behind the max: GP_PROCESSOR_BATCH_TOO_OLD dead letters. */
  tooOld: number;
  /**
   * `install/sequence` of each of those: the dead letters' batches must be exactly these.
   * One copy can be appended more than once: the SDK's send timeout runs on the
   * simulation's virtual clock and may fire while the collector is appending.
   */
  tooOldBatches: string[];
}

export function newResendStats(): ResendStats {
  return { batches: 0, doubled: 0, ackLost: 0, reordered: 0, farBehind: 0, tooOld: 0, tooOldBatches: [] };
}

export interface ResendPlan {
  /** Share of first tries sent twice. */
  double: number;
  /** Share of first tries whose acknowledgement is lost. */
  loseAck: number;
  /** Shares of acknowledged batches re-sent late: 2–6, 15–50 and 66–75 batches later. @default 0 */
  reorder?: number;
  farBehind?: number;
  tooOld?: number;
}

interface LateCopy {
  batch: FrozenBatch;
  /** Re-sent before the first try of this sequence or a later one. */
  dueSeq: number;
}

/** Sends `batch` until the collector acknowledges it (a late copy must land exactly once). */
async function sendUntilAcked(real: Transport, batch: FrozenBatch, signal?: AbortSignal): Promise<SendResult> {
  let result = await real.send(batch, signal);
  for (let attempt = 1; !result.ok && result.retryable && attempt < 50 && !signal?.aborted; attempt++) {
    await new Promise((r) => setTimeout(r, 20 * attempt));
    result = await real.send(batch, signal);
  }
  return result;
}

/**
 * What one SDK instance's wrappers share: the SDK wraps each of its platform transports
 * (a fallback stack), and a late copy must be judged against everything the instance
 * sent, whichever transport carried it.
 */
export interface DeliveryLane {
  firstTry: Set<number>;
  late: LateCopy[];
  maxAcked: number;
  maxAttempted: number;
}

export function newDeliveryLane(): DeliveryLane {
  return { firstTry: new Set(), late: [], maxAcked: 0, maxAttempted: 0 };
}

export function resending(
  real: Transport,
  rnd: Random,
  stats: ResendStats,
  p: ResendPlan = { double: 0.25, loseAck: 0.15 },
  lane: DeliveryLane = newDeliveryLane(),
): Transport {
  const { firstTry, late } = lane;
  const lateCopies = (p.reorder ?? 0) + (p.farBehind ?? 0) + (p.tooOld ?? 0) > 0;

  function planLateCopy(batch: FrozenBatch): void {
    if (!lateCopies) return; // draws nothing: plans without late copies keep their random stream
    const roll = rnd.next();
    const reorder = p.reorder ?? 0;
    const far = reorder + (p.farBehind ?? 0);
    const old = far + (p.tooOld ?? 0);
    const after = (lo: number, hi: number) => lo + Math.floor(rnd.next() * (hi - lo + 1));
    if (roll < reorder) late.push({ batch, dueSeq: batch.sequence + after(2, 6) });
    else if (roll < far) late.push({ batch, dueSeq: batch.sequence + after(15, 50) });
    else if (roll < old) late.push({ batch, dueSeq: batch.sequence + after(DEDUP_WINDOW + 2, DEDUP_WINDOW + 11) });
  }

  /** The due late copies, before the first try of `seq`. */
  async function sendDue(seq: number, signal?: AbortSignal): Promise<void> {
    for (let i = 0; i < late.length;) {
      const copy = late[i]!;
      if (copy.dueSeq > seq) {
        i++;
        continue;
      }
      late.splice(i, 1);
      const behindAttempted = lane.maxAttempted - copy.batch.sequence;
      const behindAcked = lane.maxAcked - copy.batch.sequence;
      // The processor's max for this stream lies in [maxAcked, maxAttempted].
      const kind =
        behindAttempted <= DEDUP_WINDOW
          ? behindAttempted < 10
            ? 'reordered'
            : 'farBehind'
          : behindAcked > DEDUP_WINDOW
            ? 'tooOld'
            : undefined;
      if (!kind) continue;
      const result = await sendUntilAcked(real, copy.batch, signal);
      if (!result.ok) throw new Error(`late copy of batch ${copy.batch.sequence} was never acknowledged: ${result.code}`);
      stats[kind]++;
      if (kind === 'tooOld') stats.tooOldBatches.push(`${EventBatch.decode(copy.batch.bytes).installId}/${copy.batch.sequence}`);
    }
  }

  async function send(batch: FrozenBatch, signal?: AbortSignal): Promise<SendResult> {
    lane.maxAttempted = Math.max(lane.maxAttempted, batch.sequence);
    const result = await real.send(batch, signal);
    if (result.ok) lane.maxAcked = Math.max(lane.maxAcked, batch.sequence);
    return result;
  }

  return {
    async send(batch, signal) {
      const seq = batch.sequence;
      if (!firstTry.has(seq)) {
        firstTry.add(seq);
        stats.batches++;
        if (late.length > 0) await sendDue(seq, signal);
        const roll = rnd.next();
        let result: SendResult;
        if (roll < p.double) {
          stats.doubled++;
          await send(batch, signal);
          result = await send(batch, signal);
        } else if (roll < p.double + p.loseAck) {
          result = await send(batch, signal);
          if (result.ok) {
            stats.ackLost++;
            planLateCopy(batch);
            return { ok: false, retryable: true, retryInMs: 10, code: 'TEST_ACK_LOST', message: 'acknowledgement dropped by the test' };
          }
        } else result = await send(batch, signal);
        if (result.ok) planLateCopy(batch);
        return result;
      }
      return send(batch, signal);
    },
    close: () => real.close?.() ?? Promise.resolve(),
  };
}

/** Counts, by code, the answers that make the SDK give a batch up for good (not retryable). */
export function permanentFailures(real: Transport, counts: Record<string, number>): Transport {
  return {
    async send(batch, signal) {
      const result = await real.send(batch, signal);
      if (!result.ok && !result.retryable) {
        const key = `${result.code}${'status' in result && result.status ? `/${result.status}` : ''}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return result;
    },
    close: () => real.close?.() ?? Promise.resolve(),
  };
}
