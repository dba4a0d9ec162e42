/**
 * Collector load test over loopback (`collectorSuite`, registered by bench/suites):
 *
 *   collector: a child process (`apps/src/collector.ts`, embedded log with fsync, geoip
 *              on), so the load generator in this process does not starve it; both
 *              processes' CPU is measured from /proc and reported.
 *   load:      HTTP POST /v1/batch, keep-alive, gzip protobuf batches of 50 events as
 *              the SDK sends them.
 *   phases:    1. capacity (closed loop, 64 in flight) → events/s, and events per
 *                 collector CPU-second (= per core);
 *              2. steady open-loop load at capacity / 12 → p50/p99 ack latency;
 *              3. a 10× spike of that rate → p99 ack latency and refusals (503/429);
 *              4. the raw protobuf decode rate of the same batches (EventBatch.decode,
 *                 one core, this process), and the ratio of (1) per core to it.
 *   cluster:   (full run only) capacity again with one worker per core.
 *
 * Also runnable alone: `npx tsx collector/bench/suite.ts [--quick]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EventBatch } from '@gamepulse/proto';
import { freePort } from '@gamepulse/testkit';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { batch, gzipBatch, validEvent } from '../src/testing/batches.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SUITE = 'collector';
const EVENTS_PER_BATCH = 50;
const KEY = 'bench-key';
/** Linux USER_HZ: /proc/<pid>/stat times are in 1/100 s on every mainstream kernel config. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) of a process and its cluster workers, from /proc. */
function cpuSeconds(pid: number): number {
  const one = (p: number) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14, 15)
    } catch {
      return 0;
    }
  };
  let kids: number[];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    kids = [];
  }
  return one(pid) + kids.reduce((n, k) => n + one(k), 0);
}

function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Collector {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

async function startCollectorProcess(dir: string, workers: number, log: (l: string) => void): Promise<Collector> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/src/collector.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      GAMEPULSE_LOG_DIR: join(dir, `log-${workers}`),
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(port),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(await freePort()),
      GAMEPULSE_COLLECTOR_KEYS: `${KEY}=demo:bench`,
      GAMEPULSE_COLLECTOR_WORKERS: String(workers),
      // Capacity is what is measured: no rate limits; backpressure stays on.
      GAMEPULSE_COLLECTOR_RATE_LIMIT_KEY_EVENTS_PER_S: '0',
      GAMEPULSE_COLLECTOR_RATE_LIMIT_PLAYER_EVENTS_PER_S: '0',
      GAMEPULSE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`collector exited ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`collector not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (workers !== 1) await new Promise((r) => setTimeout(r, 2000)); // let every worker come up
  log(`collector pid ${child.pid} on 127.0.0.1:${port} (${workers === 1 ? 'one process' : `${workers || 'all'} workers`})`);
  return {
    child,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function bodies(n: number): { gz: Buffer[]; raw: Uint8Array[] } {
  const now = Date.now();
  const gz: Buffer[] = [];
  const raw: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bench-${i}`;
    const events = Array.from({ length: EVENTS_PER_BATCH }, (_, j) => validEvent(id, j + 1, { clientTsMs: now - 1000 + j }));
    const b = gzipBatch(batch(id, events, { sentAtMs: now }));
    gz.push(Buffer.from(b));
    raw.push(gunzipSync(b));
  }
  return { gz, raw };
}

interface Sender {
  send(i: number): Promise<{ status: number; ms: number }>;
  close(): void;
}

function httpSender(port: number, gz: Buffer[], maxSockets: number): Sender {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send: (i) =>
      new Promise((resolvePromise) => {
        const body = gz[i % gz.length]!;
        const started = performance.now();
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/batch',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/x-protobuf',
              'content-encoding': 'gzip',
              'x-gamepulse-key': KEY,
              'content-length': body.length,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, ms: performance.now() - started }));
          },
        );
        req.on('error', () => resolvePromise({ status: 0, ms: performance.now() - started }));
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface PhaseResult {
  okBatches: number;
  refused: number;
  failed: number;
  seconds: number;
  collectorCpuS: number;
  generatorCpuS: number;
  latencies: number[];
}

async function measure(pid: number, run: (record: (r: { status: number; ms: number }) => void) => Promise<void>): Promise<PhaseResult> {
  const out: PhaseResult = { okBatches: 0, refused: 0, failed: 0, seconds: 0, collectorCpuS: 0, generatorCpuS: 0, latencies: [] };
  const cpu0 = cpuSeconds(pid);
  const own0 = ownCpuSeconds();
  const t0 = performance.now();
  await run((r) => {
    if (r.status === 200) {
      out.okBatches++;
      out.latencies.push(r.ms);
    } else if (r.status === 429 || r.status === 503) out.refused++;
    else out.failed++;
  });
  out.seconds = (performance.now() - t0) / 1000;
  out.collectorCpuS = cpuSeconds(pid) - cpu0;
  out.generatorCpuS = ownCpuSeconds() - own0;
  out.latencies.sort((a, b) => a - b);
  return out;
}

/** Closed loop: `concurrency` senders back to back for `seconds`. */
function closedLoop(sender: Sender, concurrency: number, seconds: number) {
  return (record: (r: { status: number; ms: number }) => void) => {
    const deadline = performance.now() + seconds * 1000;
    let i = 0;
    return Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) record(await sender.send(i++));
      }),
    ).then(() => undefined);
  };
}

/**
 * Open loop: batches start on a fixed schedule (`ratePerS`), whatever the answers do;
 * latency is measured from the scheduled start. At most `maxInFlight` outstanding (the
 * generator's own bound; what it could not send counts as failed).
 */
function openLoop(sender: Sender, ratePerS: number, seconds: number, maxInFlight = 2048) {
  return async (record: (r: { status: number; ms: number }) => void) => {
    const total = Math.round(ratePerS * seconds);
    const t0 = performance.now();
    let inFlight = 0;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / ratePerS;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= maxInFlight) {
        record({ status: 0, ms: 0 });
        continue;
      }
      inFlight++;
      pending.push(
        sender.send(i).then((r) => {
          inFlight--;
          // From the scheduled start: a late start (generator behind) counts as latency.
          record({ status: r.status, ms: performance.now() - due });
        }),
      );
    }
    await Promise.all(pending);
  };
}

function decodeRate(raw: Uint8Array[], seconds: number): number {
  const deadline = performance.now() + seconds * 1000;
  let events = 0;
  const t0 = performance.now();
  for (let i = 0; performance.now() < deadline; i++) events += EventBatch.decode(raw[i % raw.length]!).events.length;
  return events / ((performance.now() - t0) / 1000);
}

export const collectorSuite: BenchSuite = {
  name: SUITE,
  description: 'collector over loopback HTTP: events/s per core, p99 ack latency steady and in a 10× spike, vs raw protobuf decode',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const seconds = ctx.quick ? 3 : 10;
    const dir = mkdtempSync(join(ctx.tmpDir || tmpdir(), 'collector-bench-'));
    const { gz, raw } = bodies(512);
    const rows: BenchRow[] = [];
    const row = (metric: string, value: number, unit: string, note?: string) =>
      rows.push({ suite: SUITE, metric, value: Math.round(value * 1000) / 1000, unit, ...(note ? { note } : {}) });
    const collector = await startCollectorProcess(dir, 1, ctx.log);
    const pid = collector.child.pid!;
    const sender = httpSender(collector.port, gz, 256);
    try {
      await measure(pid, closedLoop(sender, 16, 1)); // warm-up: JIT, connections, segment files
      ctx.log(`capacity: 64 in flight for ${seconds} s`);
      const cap = await measure(pid, closedLoop(sender, 64, seconds));
      const capEventsPerS = (cap.okBatches * EVENTS_PER_BATCH) / cap.seconds;
      const perCore = (cap.okBatches * EVENTS_PER_BATCH) / Math.max(cap.collectorCpuS, 1e-9);
      row(
        'capacity events/s (1 process)',
        capEventsPerS,
        'events/s',
        `closed loop, 64 in flight, ${EVENTS_PER_BATCH}-event gzip batches, fsync on`,
      );
      row('events/s per collector core', perCore, 'events/s', 'accepted events / collector CPU-seconds');
      row('capacity p99 ack latency', percentile(cap.latencies, 99), 'ms', 'at saturation');
      row('collector CPU during capacity', (cap.collectorCpuS / cap.seconds) * 100, '% of a core');
      row('generator CPU during capacity', (cap.generatorCpuS / cap.seconds) * 100, '% of a core', 'load generator in the bench process');

      const steadyRate = Math.max(10, cap.okBatches / cap.seconds / 12);
      ctx.log(`steady: ${Math.round(steadyRate)} batches/s for ${seconds} s`);
      const steady = await measure(pid, openLoop(sender, steadyRate, seconds));
      row(
        'steady load',
        (steady.okBatches * EVENTS_PER_BATCH) / steady.seconds,
        'events/s',
        `open loop at capacity / 12 (${Math.round(steadyRate)} batches/s)`,
      );
      row('steady p50 ack latency', percentile(steady.latencies, 50), 'ms');
      row('steady p99 ack latency', percentile(steady.latencies, 99), 'ms');
      row('collector CPU at steady load', (steady.collectorCpuS / steady.seconds) * 100, '% of a core');

      ctx.log(`spike: ${Math.round(steadyRate * 10)} batches/s (10×) for ${Math.max(2, seconds / 2)} s`);
      const spike = await measure(pid, openLoop(sender, steadyRate * 10, Math.max(2, seconds / 2)));
      const sent = spike.okBatches + spike.refused + spike.failed;
      row(
        '10× spike throughput',
        (spike.okBatches * EVENTS_PER_BATCH) / spike.seconds,
        'events/s',
        `open loop at ${Math.round(steadyRate * 10)} batches/s`,
      );
      row('10× spike p99 ack latency', percentile(spike.latencies, 99), 'ms', 'acked batches; from the scheduled send time');
      row('10× spike refused (429/503)', sent ? (spike.refused / sent) * 100 : 0, '%', `${spike.failed} failed`);
      row('collector CPU in the spike', (spike.collectorCpuS / spike.seconds) * 100, '% of a core');
      row('generator CPU in the spike', (spike.generatorCpuS / spike.seconds) * 100, '% of a core');

      const decode = decodeRate(raw, ctx.quick ? 1 : 3);
      row('raw protobuf decode (same batches)', decode, 'events/s', 'EventBatch.decode, one core, this process');
      row('collector per core / raw decode', perCore / decode, 'ratio', 'full pipeline incl. HTTP, gunzip, validation, fsync');
    } finally {
      sender.close();
      await collector.stop();
    }

    if (!ctx.quick) {
      const clustered = await startCollectorProcess(dir, 0, ctx.log);
      const s2 = httpSender(clustered.port, gz, 256);
      try {
        await measure(clustered.child.pid!, closedLoop(s2, 16, 1));
        const c = await measure(clustered.child.pid!, closedLoop(s2, 64, seconds));
        row(
          'capacity events/s (cluster, 1 worker/core)',
          (c.okBatches * EVENTS_PER_BATCH) / c.seconds,
          'events/s',
          'shares the cores with the generator',
        );
        row(
          'cluster events/s per collector core',
          (c.okBatches * EVENTS_PER_BATCH) / Math.max(c.collectorCpuS, 1e-9),
          'events/s',
          'primary (log owner) + workers',
        );
        row('cluster capacity p99 ack latency', percentile(c.latencies, 99), 'ms');
      } finally {
        s2.close();
        await clustered.stop();
      }
    }
    rmSync(dir, { recursive: true, force: true });
    return rows;
  },
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-3).join('/'))) {
  const tmp = mkdtempSync(join(tmpdir(), 'gp-collector-bench-'));
  const rows = await collectorSuite.run({
    tmpDir: tmp,
    log: (l) => process.stderr.write(`[bench] ${l}\n`),
    quick: process.argv.includes('--quick'),
  });
  for (const r of rows) console.log(`${r.metric.padEnd(44)} ${String(r.value).padStart(14)} ${r.unit.padEnd(12)} ${r.note ?? ''}`);
  rmSync(tmp, { recursive: true, force: true });
}
