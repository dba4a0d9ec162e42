import { describe, expect, it } from 'vitest';
import { seededRandom } from '@gamepulse/testkit';
import { crc32c, crc32cJs, crc32cNative, crc32cReference } from './crc32c.ts';

describe('log/embedded/crc32c', () => {
  // RFC 3720 appendix B.4 (iSCSI CRC32C examples) and the "check" value of the catalogue of CRC algorithms.
  const vectors: Array<[string, Uint8Array, number]> = [
    ['"123456789" (check value)', new TextEncoder().encode('123456789'), 0xe3069283],
    ['32 bytes of 0x00', new Uint8Array(32), 0x8a9136aa],
    ['32 bytes of 0xff', new Uint8Array(32).fill(0xff), 0x62a8ab43],
    ['32 ascending bytes 0..31', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
    ['32 descending bytes 31..0', Uint8Array.from({ length: 32 }, (_, i) => 31 - i), 0x113fdb5c],
    ['empty', new Uint8Array(0), 0],
  ];

  for (const [name, data, expected] of vectors) {
    it(`matches the known value for ${name}`, () => {
      expect(crc32c(data)).toBe(expected);
      expect(crc32cReference(data)).toBe(expected);
    });
  }

  it('matches the bit-at-a-time reference on random data of every length up to 100 and at odd offsets', () => {
    const data = seededRandom(12345).bytes(4096);
    for (let len = 0; len <= 100; len++) expect(crc32c(data, 7, 7 + len)).toBe(crc32cReference(data.subarray(7, 7 + len)));
    expect(crc32c(data)).toBe(crc32cReference(data));
  });

  it('continues a CRC across calls as if over one buffer', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    const whole = crc32c(data);
    for (const cut of [0, 1, 8, 13, 500, 999, 1000]) expect(crc32c(data, cut, data.length, crc32c(data, 0, cut))).toBe(whole);
  });

  it('uses the native implementation on this platform (linux x64 has a prebuilt binary)', () => {
    expect(crc32cNative).toBe(true);
  });

  it('native and JS agree with the reference on long ranges, at odd offsets and when continued', () => {
    const data = seededRandom(777).bytes(70_000);
    for (const [start, end] of [
      [0, 70_000],
      [3, 1027],
      [1, 1024],
      [999, 66_001],
      [5, 4096 + 5],
      [7, 7 + 255],
      [7, 7 + 256],
    ] as const) {
      const expected = crc32cReference(data.subarray(start, end));
      expect(crc32c(data, start, end), `${start}..${end}`).toBe(expected);
      expect(crc32cJs(data, start, end), `js ${start}..${end}`).toBe(expected);
    }
    const head = crc32c(data, 0, 30_000); // native
    expect(crc32c(data, 30_000, 30_100, head)).toBe(crc32cReference(data.subarray(0, 30_100))); // JS continuing native
    expect(crc32c(data, 30_000, 70_000, crc32cJs(data, 0, 30_000))).toBe(crc32cReference(data)); // native continuing JS
    expect(crc32c(Buffer.from(data.buffer, 10, 5000))).toBe(crc32cReference(data.subarray(10, 5010))); // a Buffer view
  });
});
