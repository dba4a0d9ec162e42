/**
 * The session-length sketch of the rollups: a DDSketch-style log-bucket histogram
 * (Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
 * relative-error guarantees", VLDB 2019). A `session_end` rollup row carries the bucket
 * index of its `lengthMs` in `item` and the number of sessions in `events`, so the
 * sketch is the rows themselves: merging windows, partitions and engines is summing
 * counts per bucket, exactly what the stores do anyway.
 *
 * Bucket i (i an integer) holds lengths in (γ^(i-1), γ^i] with γ = (1 + α) / (1 − α);
 * its representative value 2γ^i / (γ + 1) is within relative error α of every length in
 * it. A quantile read from the cumulative bucket counts is the representative of the
 * bucket holding the exact rank, so |estimate − exact| ≤ α · exact. Lengths ≤ 0 (a
 * `session_end` without a length) go to the zero bucket `''` and count as 0 ms.
 */

/** Relative accuracy of the sketch: 2 %. Part of the rollups' format — changing it changes every stored bucket's meaning. */
export const SESSION_LENGTH_ALPHA = 0.02;

const GAMMA = (1 + SESSION_LENGTH_ALPHA) / (1 - SESSION_LENGTH_ALPHA);
const LN_GAMMA = Math.log(GAMMA);

/** The `item` of a session_end row: the bucket index of `lengthMs` as a decimal string, `''` for ≤ 0. */
export function sessionLengthBucket(lengthMs: number): string {
  if (!(lengthMs > 0)) return '';
  return String(Math.ceil(Math.log(lengthMs) / LN_GAMMA));
}

/** The representative length (ms) of a bucket `item`; 0 for the zero bucket; NaN for an item that is not a bucket. */
export function sessionLengthBucketValueMs(item: string): number {
  if (item === '') return 0;
  if (!/^-?\d+$/.test(item)) return Number.NaN;
  return (2 * Math.pow(GAMMA, Number(item))) / (GAMMA + 1);
}

/**
 * The q-quantile (0 < q ≤ 1) of the lengths counted in `buckets` (item → count), by
 * nearest rank: the representative of the bucket that holds the ⌈q·n⌉-th smallest
 * length. `null` when nothing was counted. Items that are not buckets are ignored.
 */
export function sessionLengthQuantileMs(buckets: ReadonlyMap<string, number>, q: number): number | null {
  const sorted: Array<[number, number]> = [];
  let n = 0;
  for (const [item, count] of buckets) {
    const value = sessionLengthBucketValueMs(item);
    if (Number.isNaN(value) || !(count > 0)) continue;
    sorted.push([value, count]);
    n += count;
  }
  if (n === 0) return null;
  sorted.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted[sorted.length - 1]![0];
}
