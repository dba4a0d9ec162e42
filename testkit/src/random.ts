/**
 * Seeded randomness for tests and benchmarks: the same seed gives the same data, so a
 * failing run replays from its seed. Product code keeps its own (the SDK's injectable
 * `RandomSource`, the simulator's `createRandom`); tests and benches use this one.
 */

/**
 * mulberry32: tiny, fast, and good enough for test data (not for anything secret).
 * A stream of floats in [0, 1). A string seed (e.g. `${seed}/network`, from an
 * environment variable) is hashed to 32 bits first (FNV-1a).
 */
export function mulberry32(seed: number | string): () => number {
  let a = typeof seed === 'string' ? fnv1a(seed) : seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** `mulberry32(seed)` with helpers; `next` is the same stream. */
export function seededRandom(seed: number | string): Random {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

/** FNV-1a, 32-bit: a string seed to a number seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
