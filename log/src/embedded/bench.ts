/**
 * Micro-benchmark of the embedded log: `appenders` concurrent loops, each awaiting one
 * append of `recordsPerAppend` records of `recordBytes` at a time for `durationMs`
 * (closed loop, like collector requests waiting for their ack), then one consumer reading
 * everything back from offset 0. Not wired into a bench script; call it:
 *
 *   npx tsx -e "import('./log/src/embedded/bench.ts').then(m => m.benchEmbeddedLog({})).then(console.log)"
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedLog } from './embedded-log.ts';
import type { EmbeddedLogOptions } from './options.ts';

export interface BenchEmbeddedLogOptions {
  /** Log directory; a fresh temp dir (removed afterwards) when omitted. */
  dir?: string;
  /** @default 32 */
  appenders?: number;
  /** @default 10240 (one collector batch of ~100 events) */
  recordBytes?: number;
  /** @default 1 */
  recordsPerAppend?: number;
  /** @default 4 */
  partitions?: number;
  /** @default 5000 */
  durationMs?: number;
  /** Passed to openEmbeddedLog (fsync, groupCommitMaxDelayMs, segmentBytes, …). */
  log?: Omit<EmbeddedLogOptions, 'dir'>;
}

export interface BenchEmbeddedLogResult {
  appendsPerSec: number;
  recordsPerSec: number;
  mbPerSec: number;
  p50AppendMs: number;
  p99AppendMs: number;
  readRecordsPerSec: number;
  readMbPerSec: number;
  detail: { appends: number; records: number; rounds: number; fsyncs: number; durationMs: number; readMs: number; failures: number };
}

export async function benchEmbeddedLog(opts: BenchEmbeddedLogOptions = {}): Promise<BenchEmbeddedLogResult> {
  const appenders = opts.appenders ?? 32;
  const recordBytes = opts.recordBytes ?? 10240;
  const perAppend = opts.recordsPerAppend ?? 1;
  const partitions = opts.partitions ?? 4;
  const durationMs = opts.durationMs ?? 5000;
  const tmp = opts.dir ? undefined : await mkdtemp(join(tmpdir(), 'gp-bench-'));
  const dir = opts.dir ?? tmp!;
  const log = await openEmbeddedLog({ ...opts.log, dir });
  try {
    const topic = 'bench';
    await log.ensureTopics([{ name: topic, partitions }]);
    const values = Array.from({ length: 64 }, () => randomBytes(recordBytes));
    const keys = Array.from({ length: 10_000 }, (_, i) => `install-${i.toString(36).padStart(8, '0')}`);
    const producer = log.producer();
    const latencies: number[] = [];
    let failures = 0;
    let seq = 0;
    const t0 = performance.now();
    const deadline = t0 + durationMs;
    await Promise.all(
      Array.from({ length: appenders }, async () => {
        while (performance.now() < deadline) {
          const records = Array.from({ length: perAppend }, () => {
            const i = seq++;
            return { key: keys[(i * 7919) % keys.length]!, value: values[i % values.length]! };
          });
          const start = performance.now();
          const r = await producer.append(topic, records);
          latencies.push(performance.now() - start);
          if (!r.ok) failures++;
        }
      }),
    );
    const elapsedS = (performance.now() - t0) / 1000;
    const stats = log.stats();

    // Read back everything from the start with one consumer.
    const total = stats.records;
    let read = 0;
    let readBytes = 0;
    let done: () => void = () => {};
    const allRead = new Promise<void>((r) => (done = r));
    const r0 = performance.now();
    const consumer = log.consumer({ groupId: 'bench-reader', topics: [topic] });
    await consumer.run({
      onBatch: async (b) => {
        read += b.records.length;
        for (const rec of b.records) readBytes += rec.value.length;
        if (read >= total) done();
      },
    });
    if (total > 0) await allRead;
    const readS = (performance.now() - r0) / 1000;
    await consumer.stop();

    latencies.sort((a, b) => a - b);
    const pct = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 3);
    return {
      appendsPerSec: round(latencies.length / elapsedS),
      recordsPerSec: round(stats.records / elapsedS),
      mbPerSec: round(stats.bytes / elapsedS / 1048576, 1),
      p50AppendMs: pct(0.5),
      p99AppendMs: pct(0.99),
      readRecordsPerSec: round(read / readS),
      readMbPerSec: round(readBytes / readS / 1048576, 1),
      detail: {
        appends: latencies.length,
        records: stats.records,
        rounds: stats.rounds,
        fsyncs: stats.fsyncs,
        durationMs,
        readMs: round(readS * 1000),
        failures,
      },
    };
  } finally {
    await log.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
