import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserGzip } from './gzip.ts';
import { createLocalStorage, type KeyValueStore } from './local-storage.ts';
import { decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

/** The Web Storage API over a Map (what localStorage looks like to the SDK). */
function mapStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('browser/local-storage', () => {
  it('keeps the install and unacknowledged batches across a reload', async () => {
    const store = mapStore();
    const run1 = createTestClient({ storage: createLocalStorage(store, 'space_miner'), options: { flushTimeoutMs: 1_000 } });
    run1.transport.respond(() => ({ ok: false, retryable: true, code: 'GP_SDK_NETWORK' }));
    run1.gp.featureUsed('map');
    const stopped = run1.gp.shutdown();
    await run1.clock.advance(1_000);
    await stopped;
    expect([...store.map.keys()].sort()).toEqual(['gamepulse:v1:space_miner:batch:1', 'gamepulse:v1:space_miner:state']);

    const run2 = createTestClient({ storage: createLocalStorage(store, 'space_miner') });
    await run2.gp.flush();
    expect(run2.gp.installId).toBe(run1.gp.installId);
    expect(Buffer.from(run2.transport.attempts[0]!.bytes).equals(Buffer.from(run1.transport.attempts[0]!.bytes))).toBe(true);
    expect(decodeBatch(run2.transport.attempts[0]!.bytes).events).toHaveLength(3);
    await run2.gp.shutdown();
    expect([...store.map.keys()]).toEqual(['gamepulse:v1:space_miner:state']);
  });
});

describe('browser/gzip', () => {
  afterEach(() => vi.unstubAllGlobals());
  const input = new TextEncoder().encode('gamepulse '.repeat(500));

  it('compresses with CompressionStream where available, deterministically', async () => {
    const gzip = createBrowserGzip();
    const [a, b] = [await gzip.compress(input), await gzip.compress(input)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(gunzipSync(a).equals(Buffer.from(input))).toBe(true);
  });

  it('falls back to fflate without CompressionStream', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const gzip = createBrowserGzip();
    const out = await gzip.compress(input);
    expect(out[0]).toBe(0x1f);
    expect(gunzipSync(out).equals(Buffer.from(input))).toBe(true);
  });
});
