/**
 * The Kafka profile end to end, measured the same way as bench/suites/pipeline-embedded.ts
 * (the shared driver in bench/support): SDK-made batches replayed over HTTP into the
 * collector (KafkaLog, idempotent acks=all) → real Apache Kafka 4.4 → processor
 * (one transaction per input partition: rollups + changelog + offsets) → rollups topic
 * → loader (read_committed → DuckDB) → query API; a live probe measures event → visible
 * latency under that load. The broker runs from the cached jars on its own ports with a
 * fresh data dir in the bench's scratch dir.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { captureBatches } from '../../bench/support/batches.ts';
import { blast, NO_KEY_RATE_LIMIT } from '../../bench/support/http-blast.ts';
import { startProbe } from '../../bench/support/probe.ts';
import { waitAllVisible } from '../../bench/support/visible.ts';
import { cpuSeconds, percentile, round } from '../../bench/support/stats.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { startKafka, stopKafka } from '../../scripts/engines/kafka.ts';
import { startService, stopService, waitReady, type Service } from '../../scripts/start/services.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SUITE = 'pipeline-kafka';
const PROCESSORS = 1;

export const kafkaPipelineSuite: BenchSuite = {
  name: SUITE,
  description: 'collector → Apache Kafka → transactional processor → rollups topic → loader → DuckDB: events/s, event→visible latency',
  needs: ['kafka'],
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const targetEvents = ctx.quick ? 200_000 : 2_000_000;
    ctx.log(`generating ~${targetEvents.toLocaleString()} events with the simulator and the real SDK …`);
    const batches = await captureBatches({
      targetEvents,
      shape: 'hour',
      seed: 'bench',
      gameKey: 'bench-key',
      gameId: 'bench',
      log: ctx.log,
    });
    const total = batches.reduce((n, b) => n + b.events, 0);

    const dataDir = join(ctx.tmpDir, SUITE);
    mkdirSync(dataDir, { recursive: true });
    const kafkaOpts = { port: 29692, controllerPort: 29693, dataDir: join(dataDir, 'kafka'), heapMb: 1024, log: ctx.log };
    const broker = await startKafka(kafkaOpts);
    const ports = { http: 18580, grpc: 18581, query: 18582, processors: Array.from({ length: PROCESSORS }, (_, i) => 18583 + i) };
    const env = {
      GAMEPULSE_LOG_KIND: 'kafka',
      GAMEPULSE_KAFKA_BROKERS: broker.brokers.join(','),
      GAMEPULSE_LOG_LEVEL: 'warn',
      GAMEPULSE_STORE_PATH: join(dataDir, 'bench.duckdb'),
    };
    const logs = join(dataDir, 'logs');
    const services: Service[] = [];
    try {
      const collector = startService(
        'collector',
        'apps/src/collector.ts',
        {
          ...env,
          GAMEPULSE_COLLECTOR_HTTP_PORT: String(ports.http),
          GAMEPULSE_COLLECTOR_GRPC_PORT: String(ports.grpc),
          GAMEPULSE_COLLECTOR_KEYS: 'bench-key=bench:bench,probe-key=probe:probe',
          ...NO_KEY_RATE_LIMIT,
        },
        `http://127.0.0.1:${ports.http}/readyz`,
        logs,
        ROOT,
      );
      services.push(collector);
      await waitReady(collector, 90_000);
      const processors = ports.processors.map((port, i) =>
        startService(
          `processor-${i}`,
          'apps/src/processor.ts',
          { ...env, GAMEPULSE_PROCESSOR_PORT: String(port) },
          `http://127.0.0.1:${port}/readyz`,
          logs,
          ROOT,
        ),
      );
      const loader = startService(
        'loader',
        'apps/src/rollups-loader.ts',
        { ...env, GAMEPULSE_LOADER_PORT: String(ports.query), GAMEPULSE_LOADER_CONSOLE: 'false' },
        `http://127.0.0.1:${ports.query}/readyz`,
        logs,
        ROOT,
      );
      services.push(...processors, loader);
      await Promise.all([...processors, loader].map((s) => waitReady(s, 90_000)));
      const pids = services.map((s) => s.child.pid!);
      const cpu0 = { services: pids.map(cpuSeconds), broker: cpuSeconds(broker.pid) };

      ctx.log(
        `replaying ${batches.length.toLocaleString()} batches (${total.toLocaleString()} events) over HTTP, 128 in flight, with a latency probe …`,
      );
      const probe = startProbe({
        collectorHttpPort: ports.http,
        queryPort: ports.query,
        gameKey: 'probe-key',
        gameId: 'probe',
        everyMs: 20,
        pollMs: 20,
      });
      const sent = blast(batches, { port: ports.http, key: 'bench-key', inFlight: 128 });
      const visibleAt = await waitAllVisible(ctx, { services: services, queryPort: ports.query, gameId: 'bench', total, pollMs: 50 });
      const b = await sent;
      const latencies = await probe.stop();
      const cpu = { services: pids.map((p, i) => cpuSeconds(p) - cpu0.services[i]!), broker: cpuSeconds(broker.pid) - cpu0.broker };
      const seconds = (visibleAt - b.firstSendAt) / 1000;
      const e2e = total / seconds;
      const ackRate = b.ackedEvents / ((b.lastAckAt - b.firstSendAt) / 1000);
      const names = services.map((s) => s.name.replace(/-\d+$/, ''));
      return [
        {
          suite: SUITE,
          metric: 'events replayed',
          value: total,
          unit: 'events',
          note: `${batches.length} SDK batches; events topic 4 partitions, ${PROCESSORS} processor`,
        },
        {
          suite: SUITE,
          metric: 'end-to-end throughput',
          value: round(e2e),
          unit: 'events/s',
          note: 'first send → all visible in a query (through Kafka transactions and the loader)',
        },
        {
          suite: SUITE,
          metric: 'collector acked throughput',
          value: round(ackRate),
          unit: 'events/s',
          note: `HTTP, 128 in flight, acks=all idempotent producer; ${b.failures} retried sends`,
        },
        { suite: SUITE, metric: 'ack latency p50', value: round(percentile(b.ackLatencyMs, 50), 1), unit: 'ms' },
        { suite: SUITE, metric: 'ack latency p99', value: round(percentile(b.ackLatencyMs, 99), 1), unit: 'ms' },
        {
          suite: SUITE,
          metric: 'event→visible latency p50',
          value: round(percentile(latencies, 50)),
          unit: 'ms',
          note: `${latencies.length} probes under load; processor commit 1 s, then the loader`,
        },
        { suite: SUITE, metric: 'event→visible latency p99', value: round(percentile(latencies, 99)), unit: 'ms' },
        {
          suite: SUITE,
          metric: 'CPU: broker + services',
          value: round(cpu.broker + cpu.services.reduce((a, c) => a + c, 0), 1),
          unit: 'cpu·s',
          note: `broker ${round(cpu.broker, 1)}; ${names.map((n, i) => `${n} ${round(cpu.services[i]!, 1)}`).join(', ')} over ${round(seconds, 1)} s wall on 2 cores`,
        },
      ];
    } finally {
      for (const s of services) await stopService(s).catch(() => undefined);
      await stopKafka({ ...kafkaOpts, log: () => undefined });
    }
  },
};
