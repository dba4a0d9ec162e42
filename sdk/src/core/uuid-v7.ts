/**
 * UUID version 7 (RFC 9562 §5.7): 48-bit Unix ms timestamp, version 7, variant 10,
 * then 74 bits that are a counter and randomness. Ids sort by creation time, so the
 * collector's storage and the processor's dedup see events in order.
 *
 * Monotonicity within a millisecond follows RFC 9562 §6.2 "Method 1" (fixed-length
 * dedicated counter): the 12 bits of rand_a and the top 30 bits of rand_b form a
 * 42-bit counter, seeded randomly with its top bit clear at each new millisecond
 * (the RFC's rollover guard) and incremented for every id within the same one. If the
 * counter overflows, or the clock goes backwards, the timestamp is advanced past the
 * last one used, which §6.2 permits. The last 32 bits are fresh randomness per id.
 */
import { fillRandom, type RandomSource } from './random.ts';

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_POW_30 = 0x4000_0000;
const COUNTER_HI_MAX = 0xfff; // 12 bits of rand_a
const MAX_UNIX_MS = 2 ** 48 - 1;

export type UuidV7Generator = (unixMs: number) => string;

export function createUuidV7Generator(random: RandomSource): UuidV7Generator {
  const bytes = new Uint8Array(16);
  const seed = new Uint8Array(6);
  let lastMs = -1;
  let hi = 0; // counter bits 41..30 (rand_a)
  let lo = 0; // counter bits 29..0 (top of rand_b)

  const reseed = () => {
    fillRandom(random, seed);
    hi = ((seed[0]! << 8) | seed[1]!) & 0x7ff; // top counter bit clear: room to count up
    lo = ((seed[2]! << 24) | (seed[3]! << 16) | (seed[4]! << 8) | seed[5]!) & (TWO_POW_30 - 1);
  };

  return (unixMs) => {
    let ms = Math.min(Math.max(0, Math.floor(unixMs)), MAX_UNIX_MS);
    if (ms > lastMs) {
      lastMs = ms;
      reseed();
    } else {
      ms = lastMs;
      lo++;
      if (lo === TWO_POW_30) {
        lo = 0;
        hi++;
        if (hi > COUNTER_HI_MAX) {
          ms = ++lastMs;
          reseed();
        }
      }
    }
    fillRandom(random, bytes);
    // 48-bit big-endian timestamp; ToInt32 of an exact integer < 2^53 is exact mod 2^32.
    bytes[0] = (ms / 0x100_0000_0000) & 0xff;
    bytes[1] = (ms / 0x1_0000_0000) & 0xff;
    bytes[2] = (ms >>> 24) & 0xff;
    bytes[3] = (ms >>> 16) & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | (hi >>> 8); // version 7
    bytes[7] = hi & 0xff;
    bytes[8] = 0x80 | (lo >>> 24); // variant 10 + counter bits 29..24
    bytes[9] = (lo >>> 16) & 0xff;
    bytes[10] = (lo >>> 8) & 0xff;
    bytes[11] = lo & 0xff;
    // bytes 12..15 stay random
    const h = HEX;
    return (
      h[bytes[0]]! +
      h[bytes[1]]! +
      h[bytes[2]]! +
      h[bytes[3]]! +
      '-' +
      h[bytes[4]]! +
      h[bytes[5]]! +
      '-' +
      h[bytes[6]]! +
      h[bytes[7]]! +
      '-' +
      h[bytes[8]]! +
      h[bytes[9]]! +
      '-' +
      h[bytes[10]]! +
      h[bytes[11]]! +
      h[bytes[12]!]! +
      h[bytes[13]!]! +
      h[bytes[14]!]! +
      h[bytes[15]!]!
    );
  };
}

/** The Unix ms timestamp inside a UUIDv7's text form. */
export function uuidV7Timestamp(uuid: string): number {
  return parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16);
}
