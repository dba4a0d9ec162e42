/**
 * `npm start -- --kafka` recovers from crashes the way a process manager does: under
 * steady simulated traffic (real SDK clients over HTTP and gRPC, retrying), the
 * collector and one of the two transactional processors are killed with SIGKILL; the
 * launcher restarts each (scripts/start/supervisor.ts) and keeps running — the other
 * processor holds the partitions meanwhile, and the SDK retries while the collector is
 * down. After a graceful Ctrl-C-like stop the store's totals equal the simulator's
 * independent ledger exactly: 0 lost, 0 duplicated.
 *
 * The launcher is the real one (scripts/start.mjs), with its own broker on ports
 * 29692/29693 under a temporary data dir, and short Kafka group timings passed through
 * the environment (every service inherits it), so a dead member leaves the group in
 * seconds. GP_LAUNCHER_SEED sets the simulator seed (default launcher-1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, Ledger } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { freePort, mixedTransport, recentUtcMidnight, simPlayerSdkOptions, until } from '@gamepulse/testkit';
import { expectStoreEqualsLedger, waitForTotal } from '@gamepulse/testkit/pipeline';
import { stopKafka } from '../../scripts/engines/kafka.ts';
import { permanentFailures } from './support/resending-transport.ts';
import { findService, isAlive } from './support/process-tree.ts';
import { SendsAcross } from './support/sends-across.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = process.env.GP_LAUNCHER_SEED ?? 'launcher-1';
const PLAYERS = 48;
const KAFKA_PORT = 29692;

describe('npm start -- --kafka: a crashed processor or collector is restarted and the numbers stay exact', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-launcher-'));
  let launcher: ChildProcess | undefined;
  let output = '';
  let exitCode: number | null | undefined;

  afterAll(async () => {
    if (launcher && exitCode === undefined) {
      launcher.kill('SIGTERM');
      await new Promise((r) => launcher!.once('exit', r));
    }
    // The launcher stops its broker; this is for a launcher that died first.
    await stopKafka({ port: KAFKA_PORT, controllerPort: KAFKA_PORT + 1, dataDir: join(dataDir, 'kafka'), log: () => undefined });
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  it('restarts processor-0 and the collector after kill -9, keeps running, and the store equals the ledger', async () => {
    const ports = { http: await freePort(), grpc: await freePort(), query: await freePort() };
    launcher = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts/start.mjs'),
        '--kafka',
        '--no-sim',
        '--data-dir',
        dataDir,
        '--http-port',
        String(ports.http),
        '--grpc-port',
        String(ports.grpc),
        '--query-port',
        String(ports.query),
        '--kafka-port',
        String(KAFKA_PORT),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          // Inherited by every service: a dead member leaves the group in seconds, and
          // the processors commit often, so the run is short.
          GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS: '6000',
          GAMEPULSE_KAFKA_HEARTBEAT_INTERVAL_MS: '500',
          GAMEPULSE_KAFKA_REBALANCE_TIMEOUT_MS: '10000',
          GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const l = launcher;
    l.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    l.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    l.on('exit', (code) => (exitCode = code));
    const tail = () => output.split('\n').slice(-15).join('\n');
    const launcherAlive = () => {
      if (exitCode !== undefined) throw new Error(`the launcher exited (${exitCode}); its output ends with:\n${tail()}`);
    };
    await until(
      () => (launcherAlive(), output.includes('gamepulse is running')),
      () => `the launcher's banner; output:\n${tail()}`,
      {
        timeoutMs: 300_000,
        everyMs: 200,
      },
    );

    const pidOf = (entry: string, name: string, value: number) => findService(l.pid!, entry, { name, value: String(value) });
    const services = {
      'processor-0': () => pidOf('apps/src/processor.ts', 'GAMEPULSE_PROCESSOR_PORT', ports.query + 1),
      collector: () => pidOf('apps/src/collector.ts', 'GAMEPULSE_COLLECTOR_HTTP_PORT', ports.http),
    };
    const readyUrl = {
      'processor-0': `http://127.0.0.1:${ports.query + 1}/readyz`,
      collector: `http://127.0.0.1:${ports.http}/readyz`,
    };
    /** kill -9 the service, then wait until a new process of it is ready (the launcher's doing). */
    const killAndAwaitRestart = async (name: keyof typeof services) => {
      const victim = services[name]();
      expect(victim, `${name}'s pid`).toBeDefined();
      process.kill(victim!, 'SIGKILL');
      await until(() => !isAlive(victim!), `${name} (pid ${victim}) to die`, { timeoutMs: 10_000, everyMs: 20 });
      await until(
        async () => {
          launcherAlive();
          const pid = services[name]();
          return (
            pid !== undefined &&
            pid !== victim &&
            (await fetch(readyUrl[name]).then(
              (r) => r.ok,
              () => false,
            )) &&
            // The launcher saw it too (its supervisor polls /readyz on its own).
            output.includes(`${name} restarted and ready`)
          );
        },
        () => `a new ${name} ready; launcher output:\n${tail()}`,
        { timeoutMs: 120_000, everyMs: 200 },
      );
    };

    const ledger = new Ledger();
    /** Installs acknowledged before the collector's kill and again by its successor. */
    const across = new SendsAcross();
    let collectorAcross = 0;
    type Stats = { droppedByReason: Record<string, number>; queued: number; inFlight: number };
    const clients: Array<{ stats(): Stats }> = [];
    const rejected: Record<string, number> = {};
    const sim = createSimulator({
      players: PLAYERS,
      seed: SEED,
      days: 1,
      startMs: recentUtcMidnight(3),
      concurrency: 24,
      ledger,
      createClient: (p, clock) => {
        const c = createNodeGamepulse(
          simPlayerSdkOptions(p, clock, {
            // The launcher's collector runs with its development key.
            gameKey: 'dev-key',
            gameId: 'demo',
            ...mixedTransport(p, ports),
            maxBatchEvents: 40,
            retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
            circuitBreaker: { openMs: 500, maxOpenMs: 4_000 },
            // A player's last flush may fall into the collector's restart: wait for it.
            flushTimeoutMs: 300_000,
            wrapTransport: (t) => across.wrap(p.installId, permanentFailures(t, rejected)),
          }),
        );
        clients.push(c);
        return c;
      },
    });

    const faults: string[] = [];
    // One track per service, at its own moment, so the processor's restart never pushes
    // the collector's kill past the end of the traffic it must cut through.
    const track = async (fraction: number, name: keyof typeof services) => {
      await until(
        () => sim.stats().playersFinished >= PLAYERS * fraction,
        () => `${Math.ceil(PLAYERS * fraction)} players finished (have ${sim.stats().playersFinished})`,
        { timeoutMs: 600_000, everyMs: 20 },
      );
      const at = sim.stats().eventsTracked;
      const downMs = Date.now();
      await killAndAwaitRestart(name);
      if (name === 'collector') {
        const upMs = Date.now();
        await until(
          () => across.installsAcross(downMs, upMs) >= 3 || sim.stats().playersFinished >= PLAYERS,
          'installs sending across the collector restart',
          { timeoutMs: 120_000, everyMs: 50 },
        );
        collectorAcross = across.installsAcross(downMs, upMs);
      }
      faults.push(
        `${name} kill -9 at ${at} tracked events${name === 'collector' ? ` (${collectorAcross} installs sending across it)` : ''}`,
      );
    };
    const chaos = (async () => {
      await Promise.all([track(0.2, 'collector'), track(1 / 3, 'processor-0')]);
    })().catch((err: unknown) => {
      // The launcher gave up: stop the players, which would retry for minutes otherwise.
      sim.stop();
      throw err;
    });
    const [stats] = await Promise.all([sim.run(), chaos]);
    const expected = ledger.totals();
    expect(stats.eventsTracked).toBe(expected.events);
    expect(faults).toHaveLength(2);
    expect(collectorAcross, 'installs acknowledged before the collector kill and again after its restart').toBeGreaterThan(0);
    const drops: Record<string, number> = {};
    for (const c of clients) for (const [code, n] of Object.entries(c.stats().droppedByReason)) drops[code] = (drops[code] ?? 0) + n;
    const undelivered = clients.reduce((n, c) => n + c.stats().queued + c.stats().inFlight, 0);
    expect({ drops, rejected, undelivered }, 'the SDK dropped, could not deliver, or the collector refused events for good').toEqual({
      drops: {},
      rejected: {},
      undelivered: 0,
    });

    // The launcher reported both crashes and both restarts, and is still running.
    launcherAlive();
    expect(output).toMatch(/processor-0 crashed \(exit 137\); restarting in/);
    expect(output).toMatch(/processor-0 restarted and ready \(restart 1\)/);
    expect(output).toMatch(/collector crashed \(exit 137\); restarting in/);
    expect(output).toMatch(/collector restarted and ready \(restart 1\)/);

    expect(await waitForTotal(ports.query, expected.events, 240_000, 3_000), 'events in the store').toBe(expected.events);
    // As Ctrl-C does (start.mjs forwards SIGTERM): the launcher stops everything in order
    // (the collector drains, the loader's final commit), then the broker, and exits 0.
    l.kill('SIGTERM');
    await until(
      () => exitCode !== undefined,
      () => `the launcher to stop; output:\n${tail()}`,
      { timeoutMs: 180_000, everyMs: 100 },
    );
    expect(exitCode, tail()).toBe(0);
    await expectStoreEqualsLedger(join(dataDir, 'gamepulse.duckdb'), expected);
    console.log(
      `[launcher] seed ${SEED}: ${expected.events} events from ${expected.players} players; ${faults.join('; ')}; store = ledger: 0 lost, 0 duplicated`,
    );
  }, 900_000);
});
