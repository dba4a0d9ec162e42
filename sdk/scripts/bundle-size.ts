/**
 * The size of the browser SDK as web games download it: the `@gamepulse/sdk/browser`
 * entry built with esbuild (ESM, minified, code-split, as a game's bundler treats it),
 * in three parts, each measured as gzip -9 of its chunks concatenated:
 *
 *  - core: the entry and every chunk it imports statically. This is the code a game
 *    downloads before the first event can be tracked: `createBrowserGamepulse()`
 *    returns a client that validates, stamps, encodes, queues and journals events (to
 *    IndexedDB, shared by the tabs), owns the send lock, batches and freezes. Issue 3
 *    asked for ≤ 15 KB gzip; issue 13 raised it to 15,600 B (bundle-size.test.ts).
 *  - deferred: the chunks the SDK imports by itself as soon as a client exists (the
 *    modules in DEFERRED and what they import, minus the core): the transport stack
 *    (retry, circuit breaker, fallback), the HTTP transport and the page lifecycle.
 *    Every game downloads them, but after start, in parallel with loading the stored
 *    state; nothing but sending waits for them. They are not optional, so they are
 *    measured too, and `startupGzipBytes` (core and deferred together) is what every
 *    game downloads at startup: moving code out of the core cannot hide growth.
 *  - on first use: chunks only some games or sessions load (WebSocket, the deletion
 *    request, 413 splitting and journal adoption, the localStorage lock without Web
 *    Locks, fflate without CompressionStream).
 *
 * Usage: npx tsx sdk/scripts/bundle-size.ts [--modules]
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** Modules the SDK imports at startup by itself (the dynamic imports that are not on first use). */
export const DEFERRED = ['src/browser/sender.ts'];

export interface BundlePart {
  /** Minified bytes of the part's chunks. */
  bytes: number;
  gzipBytes: number;
  /** The part's chunk files, without their content hash. */
  chunks: string[];
  /** Minified bytes per source module, largest first. */
  modules: Array<[string, number]>;
}

export interface BundleSize {
  /** Minified bytes of the core (entry + static chunks). */
  coreBytes: number;
  coreGzipBytes: number;
  /** Minified bytes per source module in the core, largest first. */
  modules: Array<[string, number]>;
  /** What the SDK loads by itself right after start. */
  deferred: BundlePart;
  /** Core and deferred, gzip -9 together: what every game downloads at startup. */
  startupGzipBytes: number;
  /** Chunks loaded on first use, by file, gzip bytes. */
  lazyGzipBytes: Record<string, number>;
}

const SCRIPTS = fileURLToPath(new URL('.', import.meta.url));
export const BROWSER_ENTRY = join(SCRIPTS, '../src/browser/index.ts');
/** Module paths are reported relative to the repository root. */
const REPO_ROOT = join(SCRIPTS, '../..');

const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const chunkName = (path: string) => path.replace(/^.*\//, '').replace(/-[A-Z0-9]{8}\.js$/, '.js');

export async function measureBrowserBundle(entry = BROWSER_ENTRY): Promise<BundleSize> {
  const result = await build({
    entryPoints: { index: entry },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    outdir: '/virtual-out',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  const text = new Map(result.outputFiles.map((f) => [f.path.replace(/^.*virtual-out/, ''), f.text]));
  const textOf = (p: string) => text.get(p.replace(/^.*virtual-out/, ''))!;
  const outputs = result.metafile.outputs;
  /** Chunks reachable from `from` by static imports. */
  const closure = (from: string[], into = new Set<string>()) => {
    const visit = (p: string) => {
      if (into.has(p)) return;
      into.add(p);
      for (const i of outputs[p]!.imports) if (i.kind === 'import-statement') visit(i.path);
    };
    from.forEach(visit);
    return into;
  };
  const all = Object.keys(outputs).filter((p) => p.endsWith('.js'));
  const core = closure(all.filter((p) => /\/index\.js$/.test(p)));
  const deferredEntries = all.filter((p) => DEFERRED.some((m) => outputs[p]!.entryPoint?.endsWith(m)));
  const deferred = [...closure(deferredEntries)].filter((p) => !core.has(p));
  const part = (chunks: readonly string[]): BundlePart & { text: string } => {
    const joined = chunks.map(textOf).join('');
    return {
      bytes: Buffer.byteLength(joined),
      gzipBytes: gzip(joined),
      chunks: chunks.map(chunkName),
      modules: modulesOf(outputs, chunks),
      text: joined,
    };
  };
  const c = part([...core]);
  const d = part(deferred);
  const lazyGzipBytes: Record<string, number> = {};
  for (const p of all) if (!core.has(p) && !deferred.includes(p)) lazyGzipBytes[p.replace(/^.*\//, '')] = gzip(textOf(p));
  return {
    coreBytes: c.bytes,
    coreGzipBytes: c.gzipBytes,
    modules: c.modules,
    deferred: { bytes: d.bytes, gzipBytes: d.gzipBytes, chunks: d.chunks, modules: d.modules },
    startupGzipBytes: gzip(c.text + d.text),
    lazyGzipBytes,
  };
}

function modulesOf(outputs: Metafile['outputs'], chunks: readonly string[]): Array<[string, number]> {
  const modules = new Map<string, number>();
  for (const p of chunks) for (const [m, v] of Object.entries(outputs[p]!.inputs)) modules.set(m, (modules.get(m) ?? 0) + v.bytesInOutput);
  return [...modules].sort((a, b) => b[1] - a[1]);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const s = await measureBrowserBundle();
  console.log(`browser core: ${s.coreBytes} B minified, ${s.coreGzipBytes} B gzip`);
  console.log(
    `deferred (loaded right after start): ${s.deferred.bytes} B minified, ${s.deferred.gzipBytes} B gzip (${s.deferred.chunks.join(', ')})`,
  );
  console.log(`startup total (core + deferred): ${s.startupGzipBytes} B gzip`);
  console.log(`on first use (gzip): ${JSON.stringify(s.lazyGzipBytes)}`);
  if (process.argv.includes('--modules')) {
    console.log('core modules (minified bytes):');
    for (const [m, n] of s.modules) console.log(String(n).padStart(7), m);
    console.log('deferred modules (minified bytes):');
    for (const [m, n] of s.deferred.modules) console.log(String(n).padStart(7), m);
  }
}
