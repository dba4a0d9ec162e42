/**
 * Throughput of the collector over the real embedded log (fsync on), in one process:
 *   1. the pipeline alone (ingestBatch), sequential and with 64 batches in flight
 *   2. HTTP POST /v1/batch (fetch, keep-alive) and gRPC Send, 64 in flight
 * Batches have 50 events and are gzip-compressed (HTTP) as the SDK would send them.
 *
 * Usage: npx tsx collector/scripts/bench-ingest.ts [seconds per case, default 3]
 */
import { Agent, request } from 'node:http';
import { credentials, Metadata } from '@grpc/grpc-js';
import { createLogger } from '@gamepulse/service';
import { CollectorClient, loadCollectorConfig, startCollector } from '../src/index.ts';
import { batch, encodeBatch, gzipBatch, validEvent } from '../src/testing/batches.ts';
import { createHarness } from '../src/testing/harness.ts';
import { openTempLog } from '@gamepulse/testkit';

const seconds = Number(process.argv[2] ?? 3);
const EVENTS = 50;
const INFLIGHT = 64;

function body(i: number, gzip: boolean): Uint8Array {
  const id = `bench-${i % 1000}`;
  const b = batch(
    id,
    Array.from({ length: EVENTS }, (_, j) => validEvent(id, j + 1)),
  );
  return gzip ? gzipBatch(b) : encodeBatch(b);
}

async function run(name: string, concurrency: number, send: (i: number) => Promise<unknown>): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = w; performance.now() < deadline; i += concurrency) {
        await send(i);
        done++;
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${name.padEnd(34)} ${Math.round(done / wallS)
      .toString()
      .padStart(6)} batches/s  ${Math.round((done * EVENTS) / wallS)
      .toString()
      .padStart(8)} events/s  ` + `(${Math.round(done / cpuS)} batches per CPU-second, client included)`,
  );
}

// Pre-built bodies: the benchmark measures the collector, not the batch builder.
const gz = Array.from({ length: 256 }, (_, i) => body(i, true));
const plain = Array.from({ length: 256 }, (_, i) => body(i, false));

const h = await createHarness();
await run('pipeline, sequential', 1, (i) => h.send(gz[i % 256]!, { contentEncoding: 'gzip' }));
await run(`pipeline, ${INFLIGHT} in flight`, INFLIGHT, (i) => h.send(gz[i % 256]!, { contentEncoding: 'gzip' }));
await h.dispose();

const temp = await openTempLog();
const config = loadCollectorConfig({ env: {}, overrides: { httpPort: 0, grpcPort: 0, keys: ['bench=demo:b'] } });
const collector = await startCollector({ config, log: temp.log, logger: createLogger({ service: 'bench', write: () => {} }) });
const agent = new Agent({ keepAlive: true, maxSockets: INFLIGHT });
const headers = { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip', 'x-gamepulse-key': 'bench' };
await run(
  `HTTP (gzip), ${INFLIGHT} in flight`,
  INFLIGHT,
  (i) =>
    new Promise<void>((resolve, reject) => {
      const b = gz[i % 256]!;
      const req = request(
        {
          host: '127.0.0.1',
          port: collector.httpPort,
          path: '/v1/batch',
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': b.length },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          res.resume().on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(b);
    }),
);
agent.destroy();
const client = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure(), {
  'grpc.default_compression_algorithm': 2,
});
const metadata = new Metadata();
metadata.set('x-gamepulse-key', 'bench');
await run(
  `gRPC (gzip), ${INFLIGHT} in flight`,
  INFLIGHT,
  (i) => new Promise<void>((resolve, reject) => client.Send(plain[i % 256]!, metadata, (err) => (err ? reject(err) : resolve()))),
);
client.close();
await collector.close();
await temp.dispose();
