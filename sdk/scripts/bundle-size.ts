/**
 * The size of the browser SDK as a web game downloads it at startup: the
 * `@gamepulse/sdk/browser` entry built with esbuild (ESM, minified, code-split), plus
 * every chunk it imports statically — not the chunks loaded on first use (the fflate
 * gzip fallback for browsers without CompressionStream, the WebSocket transport, the
 * deletion request, the localStorage lock for browsers without Web Locks). Sizes are of
 * the concatenated core, raw and gzip -9.
 *
 * Usage: npx tsx sdk/scripts/bundle-size.ts [--modules]
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface BundleSize {
  /** Minified bytes of the core (entry + static chunks). */
  coreBytes: number;
  coreGzipBytes: number;
  /** Chunks loaded on first use, by file, gzip bytes. */
  lazyGzipBytes: Record<string, number>;
  /** Minified bytes per source module in the core, largest first. */
  modules: Array<[string, number]>;
}

export const BROWSER_ENTRY = join(fileURLToPath(new URL('.', import.meta.url)), '../src/browser/index.ts');

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
  });
  const text = new Map(result.outputFiles.map((f) => [f.path, f.text]));
  const outputs = result.metafile.outputs;
  const key = (p: string) => [...text.keys()].find((k) => k.endsWith(p.replace(/^.*virtual-out/, '')))!;
  const core = new Set<string>();
  const visit = (p: string) => {
    if (core.has(p)) return;
    core.add(p);
    for (const i of outputs[p]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(Object.keys(outputs).find((k) => /index\.js$/.test(k))!);
  let coreText = '';
  const modules = new Map<string, number>();
  for (const p of core) {
    coreText += text.get(key(p));
    for (const [m, v] of Object.entries(outputs[p]!.inputs)) modules.set(m, (modules.get(m) ?? 0) + v.bytesInOutput);
  }
  const lazyGzipBytes: Record<string, number> = {};
  for (const p of Object.keys(outputs)) {
    if (!core.has(p) && p.endsWith('.js')) lazyGzipBytes[p.replace(/^.*\//, '')] = gzipSync(text.get(key(p))!, { level: 9 }).length;
  }
  return {
    coreBytes: Buffer.byteLength(coreText),
    coreGzipBytes: gzipSync(coreText, { level: 9 }).length,
    lazyGzipBytes,
    modules: [...modules].sort((a, b) => b[1] - a[1]),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const s = await measureBrowserBundle();
  console.log(`browser core: ${s.coreBytes} B minified, ${s.coreGzipBytes} B gzip; lazy chunks (gzip): ${JSON.stringify(s.lazyGzipBytes)}`);
  if (process.argv.includes('--modules')) for (const [m, n] of s.modules) console.log(String(n).padStart(7), m);
}
