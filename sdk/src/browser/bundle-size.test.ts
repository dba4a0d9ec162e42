/**
 * The browser SDK's size as a game downloads it (scripts/bundle-size.ts: the
 * `@gamepulse/sdk/browser` entry built with esbuild — ESM, minified, code-split; gzip
 * -9). Issue 3: the core — the entry and every chunk it imports statically, the code a
 * game downloads before the first event can be tracked — is at most 15 KB; issues 13
 * and 15 raised that to 15,750 B (see CORE_GZIP_BYTES).
 *
 * The SDK loads its transport stack, HTTP transport and page lifecycle by itself right
 * after start ("deferred"): every game downloads that too, so the core and the deferred
 * chunks together are held to what the whole startup download was before the split
 * (19.6 KB gzip), and can only shrink: moving code out of the core cannot hide growth.
 */
import { describe, expect, it } from 'vitest';
import { measureBrowserBundle } from '../../scripts/bundle-size.ts';

/**
 * Issue 3 set 15 KB (15,360 B). Issue 13 (batch identity) needs more, and nothing it adds
 * can be deferred, because it runs before or while the first batch is frozen and sent:
 * the encoder's three new EventBatch fields (stream_id, split_of_sequence,
 * split_parent_digest) took the core to 15,370 B; choosing and persisting the stream id,
 * remembering which halves may be stored, storing halves before the first is sent,
 * dropping never-sent halves at start, and checking a localStorage lease before
 * numbering a batch added 196 B (15,566 B). Issue 15 (refund alerts) adds the `refund`
 * payload, which a game tracks like a purchase and so cannot defer: `refund()`, its
 * encoder and its validation (reason, transaction id) took the core to 15,733 B.
 * Raised each time by the smallest round amount above the measured size.
 */
const CORE_GZIP_BYTES = 15_750;
/** Core + deferred: the startup download when everything was in the core (19,598 B). */
const STARTUP_GZIP_BYTES = 19_600;

describe('browser/bundle-size', () => {
  it('the browser core (ESM, minified, gzip) is at most 15,750 B, and core + deferred stay within the old startup size; prints the sizes', async () => {
    const s = await measureBrowserBundle();
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `browser core: ${kb(s.coreBytes)} minified, ${kb(s.coreGzipBytes)} gzip (${s.coreGzipBytes} B; limit ${kb(CORE_GZIP_BYTES)}); ` +
        `deferred (right after start): ${kb(s.deferred.gzipBytes)} gzip; startup total: ${kb(s.startupGzipBytes)} gzip; ` +
        `on first use (gzip): ${Object.entries(s.lazyGzipBytes)
          .map(([f, n]) => `${f.replace(/-[A-Z0-9]+\.js$/, '')} ${kb(n)}`)
          .join(', ')}`,
    );
    expect(s.coreGzipBytes).toBeLessThanOrEqual(CORE_GZIP_BYTES);
    expect(s.startupGzipBytes).toBeLessThanOrEqual(STARTUP_GZIP_BYTES);
    // What records events stays in the core; only sending is deferred.
    const core = s.modules.map(([m]) => m);
    for (const m of [
      'recorder.ts',
      'validate-event.ts',
      'sdk-wire.ts',
      'queue.ts',
      'journal.ts',
      'idb-storage.ts',
      'delivery.ts',
      'tab-lock.ts',
    ])
      expect(
        core.some((c) => c.endsWith(`/${m}`)),
        m,
      ).toBe(true);
    // Neither protobufjs, long.js nor the server-side codec may come into the bundle, nor decoders into the core.
    const all = [...core, ...s.deferred.modules.map(([m]) => m)];
    expect(all.filter((m) => /protobufjs|\/long\/|generated\/messages\.ts|wire\/server-/.test(m))).toEqual([]);
    expect(core.filter((m) => /sdk-wire-read|wire\/read/.test(m))).toEqual([]);
  });
});
