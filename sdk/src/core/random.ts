/**
 * Randomness as the SDK sees it: jitter draws `next()`, UUIDs draw bytes. Injected so
 * tests and simulators are reproducible for a seed. A source without `fill` (e.g. a
 * simulator's seeded generator) is enough: bytes are then derived from `next()`.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** Fills `bytes` with uniformly random bytes. */
  fill?(bytes: Uint8Array): void;
}

/** Fills `bytes` from the source, with `next()` as the fallback. */
export function fillRandom(source: RandomSource, bytes: Uint8Array): void {
  if (source.fill) {
    source.fill(bytes);
    return;
  }
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(source.next() * 256);
}

/** A random integer in [1, 2^53), 21 + 32 bits from two draws (EventBatch.stream_id). */
export function randomId(source: RandomSource): number {
  return Math.floor(source.next() * 2 ** 21) * 2 ** 32 + Math.floor(source.next() * 2 ** 32) || 1;
}

/** Bytes fetched from the CSPRNG per call: one call serves many UUIDs. */
const POOL_BYTES = 4096;

/**
 * `Math.random` for jitter, Web Crypto (`crypto.getRandomValues`, in every browser and
 * Node >= 19 as a global) for UUID bits, read from a pool to keep `track()` cheap.
 */
export function createDefaultRandom(): RandomSource {
  const pool = new Uint8Array(POOL_BYTES);
  let offset = POOL_BYTES;
  return {
    next: Math.random,
    fill(bytes) {
      if (bytes.length > POOL_BYTES) {
        globalThis.crypto.getRandomValues(bytes);
        return;
      }
      if (offset + bytes.length > POOL_BYTES) {
        globalThis.crypto.getRandomValues(pool);
        offset = 0;
      }
      bytes.set(pool.subarray(offset, offset + bytes.length));
      offset += bytes.length;
    },
  };
}

/**
 * A seeded generator (sfc32, from PractRand's small fast chaotic family) for tests and
 * simulations: the same seed gives the same jitter and the same event ids.
 */
export function createSeededRandom(seed: number): RandomSource {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return { next };
}
