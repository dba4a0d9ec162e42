import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batch, gzipBatch, validEvent } from '../testing/batches.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { decompressBody, decompressedCap } from './decompress.ts';
import { resolvePipelineLimits } from './limits.ts';

const MiB = 1024 * 1024;
const limits = resolvePipelineLimits();

/** gzip of `totalBytes` zeros, built in 1 MiB steps so the test itself never holds them. */
async function gzipOfZeros(totalBytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => gz.on('end', resolve));
  const zeros = Buffer.alloc(MiB);
  for (let written = 0; written < totalBytes; written += MiB) {
    if (!gz.write(zeros)) await new Promise((resolve) => gz.once('drain', resolve));
  }
  gz.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('collector/pipeline/decompress', () => {
  it('caps output at max(maxBodyBytes, ratio × compressed), never above maxDecompressedBytes', () => {
    expect(decompressedCap(1000, limits)).toBe(MiB); // small bodies may inflate to what an identity body could carry
    expect(decompressedCap(50_000, limits)).toBe(5_000_000); // then the 100× ratio applies
    expect(decompressedCap(MiB, limits)).toBe(8 * MiB); // and the hard cap
  });

  it('inflates a real batch exactly', async () => {
    const body = gzipBatch(batch('i', [validEvent('i', 1)]));
    const out = await decompressBody({ body, contentEncoding: 'gzip', key: 'k', receivedAtMs: 0, remote: { ip: '' } }, limits);
    expect(out.ok).toBe(true);
  });

  it('refuses a body inflating to exactly one byte over the hard cap, accepts one at the cap', async () => {
    const small = resolvePipelineLimits({ maxBodyBytes: 4096, maxDecompressedBytes: 64 * 1024, maxCompressionRatio: 10_000 });
    const at = await decompressBody(
      { body: gzipSync(Buffer.alloc(64 * 1024)), contentEncoding: 'gzip', key: 'k', receivedAtMs: 0, remote: { ip: '' } },
      small,
    );
    expect(at.ok).toBe(true);
    const over = await decompressBody(
      { body: gzipSync(Buffer.alloc(64 * 1024 + 1)), contentEncoding: 'gzip', key: 'k', receivedAtMs: 0, remote: { ip: '' } },
      small,
    );
    expect(over).toMatchObject({ ok: false, code: 'GP_BODY_DECOMPRESSED_TOO_LARGE' });
  });
});

describe('collector/pipeline/ingestBatch against a gzip bomb', () => {
  let h: Harness;
  let bomb: Buffer;
  beforeAll(async () => {
    h = await createHarness();
    bomb = await gzipOfZeros(1024 * MiB); // 1 GiB of zeros
  }, 60_000);
  afterAll(() => h.dispose());

  it('refuses 1 GiB of zeros in ~1 MiB of gzip fast, without inflating it, and keeps serving', async () => {
    expect(bomb.length).toBeLessThan(limits.maxBodyBytes); // it passes the compressed-size check
    expect(bomb.length).toBeGreaterThan(MiB * 0.9);
    const rssBefore = process.memoryUsage().rss;
    const peakBeforeKiB = process.resourceUsage().maxRSS;
    const started = performance.now();

    const result = await h.send(bomb, { contentEncoding: 'gzip' });

    const elapsedMs = performance.now() - started;
    expect(result).toMatchObject({ ok: false, code: 'GP_BODY_DECOMPRESSED_TOO_LARGE' });
    // Inflating the whole GiB takes seconds; stopping at the 8 MiB cap takes milliseconds.
    expect(elapsedMs).toBeLessThan(1000);
    // Neither the current nor the peak RSS grew by anything near the bomb's size.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MiB);
    expect((process.resourceUsage().maxRSS - peakBeforeKiB) * 1024).toBeLessThan(100 * MiB);
    expect(await h.counts()).toEqual({ events: 0, deadLetters: 0 });

    const ok = await h.send(gzipBatch(batch('after-bomb', [validEvent('after-bomb', 1)])), { contentEncoding: 'gzip' });
    expect(ok).toMatchObject({ ok: true, ack: { accepted: 1 } });
  });

  it('refuses 20 bombs in parallel without the process memory growing with them', async () => {
    const rssBefore = process.memoryUsage().rss;
    const results = await Promise.all(Array.from({ length: 20 }, () => h.send(bomb, { contentEncoding: 'gzip' })));
    for (const r of results) expect(r).toMatchObject({ ok: false, code: 'GP_BODY_DECOMPRESSED_TOO_LARGE' });
    // At most 20 × 8 MiB caps in flight at once, far from 20 GiB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * MiB);
  });
});
