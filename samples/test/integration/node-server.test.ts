/**
 * The Node game-server sample against the real collector: matches are reported over
 * gRPC streaming, and a restart over the same storage directory continues the server's
 * batch stream; as a separate process, SIGTERM makes it flush within its deadline and
 * exit, with every event it tracked in the log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { until } from '@gamepulse/testkit';
import { exactlyOnce, GAME_KEY, startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';
import { startGameServer } from '../../src/node-server/server.ts';

let collector: RealCollector;
beforeAll(async () => {
  collector = await startRealCollector();
});
afterAll(async () => {
  await collector?.close();
});

describe('samples/node-server', () => {
  it('reports matches over gRPC streaming, every event exactly once; a restart continues the batch stream of its storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-server-'));
    try {
      const runs: number[] = [];
      for (const seed of [7, 8]) {
        const server = startGameServer({
          grpcEndpoint: collector.grpcUrl,
          httpEndpoint: collector.httpUrl,
          gameKey: GAME_KEY,
          serverId: 'arena-in-process',
          matches: 3,
          tickMs: 0,
          storageDir: dir,
          seed,
        });
        const { events } = await server.done;
        await server.gp.flush();
        expect(server.gp.stats()).toMatchObject({ transport: 'grpc-stream', queued: 0, inFlight: 0, circuit: 'closed' });
        await server.stop();
        runs.push(events);
      }
      const batches = (await collector.batches()).filter((b) => b.installId === 'arena-in-process');
      // One stream across both runs, its sequences never repeating: the state came back from the directory.
      expect(new Set(batches.map((b) => b.streamId)).size).toBe(1);
      expect(batches[0]!.streamId).toBeGreaterThan(0);
      const sequences = batches.map((b) => b.batchSequence);
      expect(new Set(sequences).size).toBe(sequences.length);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      const mine = (await collector.delivered()).filter((e) => e.installId === 'arena-in-process');
      const { unique, resentCopies } = exactlyOnce(mine);
      expect(resentCopies).toBe(0);
      expect(unique.length).toBe(runs[0]! + runs[1]! + 4); // + session_start, session_end per run
      expect(new Set(unique.map((e) => e.payload))).toEqual(new Set(['sessionStart', 'sessionEnd', 'progression', 'resource', 'purchase']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('as a process: SIGTERM flushes what is queued within the deadline, then the process exits', async () => {
    const script = join(import.meta.dirname, '../../src/node-server/server.ts');
    const storageDir = mkdtempSync(join(tmpdir(), 'gp-server-process-'));
    onTestFinished(() => rmSync(storageDir, { recursive: true, force: true }));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        '--grpc',
        collector.grpcUrl,
        '--http',
        collector.httpUrl,
        '--key',
        GAME_KEY,
        '--matches',
        '0',
        '--tick',
        '20',
        '--storage',
        storageDir,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    await until(() => out.includes('game server started'), 'the server to start', { timeoutMs: 20_000, everyMs: 100 });
    await until(async () => (await collector.delivered()).some((e) => e.installId === 'arena-server-1'), 'first events', {
      timeoutMs: 20_000,
      everyMs: 100,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const started = Date.now();
    expect(await exited).toBe(143); // 128 + SIGTERM, after the flush
    expect(Date.now() - started).toBeLessThan(6_000);
    const { unique } = exactlyOnce((await collector.delivered()).filter((e) => e.installId === 'arena-server-1'));
    // The session was ended and delivered by the shutdown the signal triggered.
    expect(unique.some((e) => e.payload === 'sessionEnd')).toBe(true);
  });
});
