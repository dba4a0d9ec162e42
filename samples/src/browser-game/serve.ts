/**
 * Builds Space Miner (esbuild: ESM, minified) and serves it with its index.html:
 *   npx tsx samples/src/browser-game/serve.ts [port=5173]
 * then open http://127.0.0.1:5173/?endpoint=http://127.0.0.1:8080&key=dev-key with a
 * collector running (`npm start`). `buildGame` and `serveGame` are what the tests use.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The game's files, by URL path. */
export async function buildGame(): Promise<Map<string, { type: string; body: Uint8Array }>> {
  const result = await build({
    entryPoints: { game: join(here, 'game.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    outdir: '/game-out',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, { type: string; body: Uint8Array }>();
  files.set('/', { type: 'text/html', body: readFileSync(join(here, 'index.html')) });
  for (const f of result.outputFiles) files.set(`/${f.path.split('/').pop()}`, { type: 'text/javascript', body: f.contents });
  return files;
}

export async function serveGame(port = 0): Promise<{ url: string; server: Server }> {
  const files = await buildGame();
  const server = createServer((req, res) => {
    const file = files.get((req.url ?? '/').split('?')[0]!);
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { url } = await serveGame(Number(process.argv[2] ?? 5173));
  console.log(`Space Miner: ${url}/?endpoint=http://127.0.0.1:8080&key=dev-key`);
}
