/**
 * @gamepulse/testkit/browser — real Chromium (Debian's /usr/bin/chromium driven by playwright-core) loading a test
 * page that uses the BUILT browser bundle (esbuild: ESM, minified, code-split, as a
 * game would ship it), served by a node:http server on its own origin, talking to the
 * real collector on another origin (CORS, as in production). A subpath of its own: it
 * loads playwright-core and esbuild. Wait for what the page did with `until` (main entry).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu'];

export interface PageServer {
  url: string;
  /** Paths requested so far, in order (which chunks a page loaded). */
  requested: string[];
  close(): Promise<void>;
}

/** Bundles `entry` (and its lazy chunks) into a temp dir: what the page loads as /app.js. */
export async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'gp-bundle-'));
  await build({
    entryPoints: { app: entry },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    outdir,
    define,
    logLevel: 'silent',
  });
  return outdir;
}

/** Serves `dir` and an index.html that loads /app.js as a module. */
export async function servePage(
  dir: string,
  html = '<!doctype html><meta charset="utf-8"><title>gamepulse test</title><script type="module" src="/app.js"></script>',
): Promise<PageServer> {
  const files = new Map<string, Buffer>(readdirSync(dir).map((f) => [`/${f}`, readFileSync(join(dir, f))]));
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requested.push(path);
    if (path === '/' || path === '/index.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    const body = files.get(path);
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
