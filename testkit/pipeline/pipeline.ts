/**
 * The whole pipeline as real processes, on either log — the same shape for both, so
 * one end-to-end scenario runs against the embedded log AND real Kafka:
 *
 *   embedded: collector (embedded log writer) → processor (log reader → DuckDB + query API)
 *   kafka:    broker (real Apache Kafka, scripts/engines/kafka.ts)
 *             collector (KafkaLog, idempotent) → N processors (one Kafka transaction per
 *             input partition) → rollups topic → loader (→ DuckDB + query API)
 *
 * Chaos helpers kill -9 and restart processes, and restart the broker on its data dir.
 */
import { join, resolve } from 'node:path';
import { startKafka, stopKafka, type KafkaHandle, type KafkaOptions } from '../../scripts/engines/kafka.ts';
import { startService, stopService, waitReady, type Service } from '../../scripts/start/services.ts';
import { freePort } from '../src/ports.ts';

/** The repository root: where the apps/ entry points are started from. */
const ROOT = resolve(import.meta.dirname, '../..');

export type LogKind = 'embedded' | 'kafka';

export interface PipelineOptions {
  kind: LogKind;
  /** Log files, DuckDB file, embedded log. */
  dataDir: string;
  /** GAMEPULSE_COLLECTOR_KEYS. */
  keys: string;
  /** Processor processes (Kafka only; the embedded log allows one reader group member per process). @default 1 */
  processors?: number;
  /** Extra environment of every processor. */
  processorEnv?: Record<string, string>;
  /** Extra environment of the collector (e.g. a lower GAMEPULSE_COLLECTOR_MAX_BODY_BYTES). */
  collectorEnv?: Record<string, string>;
  /** Kafka: the broker to start (own ports and data dir per test file). */
  broker?: KafkaOptions;
  /** Topic prefix (a fresh one per scenario keeps runs on one broker apart). @default 'gamepulse' */
  topicPrefix?: string;
  /** Kafka group timings: short, so a killed processor's partitions move within seconds. */
  kafkaTimings?: { sessionTimeoutMs: number; heartbeatIntervalMs: number; rebalanceTimeoutMs: number };
}

export interface PipelinePorts {
  http: number;
  grpc: number;
  /** Query API: the processor's (embedded) or the loader's (kafka). */
  query: number;
}

const READY_MS = 90_000;

export class Pipeline {
  collector!: Service;
  processors: Service[] = [];
  loader: Service | undefined;
  broker: KafkaHandle | undefined;
  readonly ports: PipelinePorts;
  private readonly processorPorts: number[];
  readonly storePath: string;
  readonly topicPrefix: string;
  private started = 0;

  private constructor(
    readonly o: PipelineOptions,
    ports: PipelinePorts,
    processorPorts: number[],
  ) {
    this.ports = ports;
    this.processorPorts = processorPorts;
    this.storePath = join(o.dataDir, 'gamepulse.duckdb');
    this.topicPrefix = o.topicPrefix ?? 'gamepulse';
  }

  static async start(o: PipelineOptions): Promise<Pipeline> {
    const n = o.kind === 'kafka' ? (o.processors ?? 1) : 1;
    const ports = { http: await freePort(), grpc: await freePort(), query: await freePort() };
    const processorPorts = o.kind === 'kafka' ? await Promise.all(Array.from({ length: n }, () => freePort())) : [ports.query];
    const p = new Pipeline(o, ports, processorPorts);
    if (o.kind === 'kafka') p.broker = await startKafka({ ...o.broker, log: o.broker?.log ?? ((l) => console.info(l)) });
    try {
      p.collector = p.collectorService();
      await waitReady(p.collector, READY_MS);
      for (let i = 0; i < n; i++) p.processors.push(p.processorService(i));
      if (o.kind === 'kafka') p.loader = p.loaderService();
      await Promise.all([...p.processors, ...(p.loader ? [p.loader] : [])].map((s) => waitReady(s, READY_MS)));
    } catch (err) {
      // The caller never gets `p` to stop: stop what did start, or it outlives the test
      // and answers on ports a later test may be given.
      await p.stop().catch(() => undefined);
      throw err;
    }
    return p;
  }

  get kind(): LogKind {
    return this.o.kind;
  }

  private get brokers(): string {
    return this.broker?.brokers.join(',') ?? '';
  }

  private commonEnv(): Record<string, string> {
    const env: Record<string, string> = { GAMEPULSE_TOPIC_PREFIX: this.topicPrefix };
    if (this.o.kind === 'embedded') return { ...env, GAMEPULSE_LOG_DIR: join(this.o.dataDir, 'log') };
    const t = this.o.kafkaTimings ?? { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000 };
    return {
      ...env,
      GAMEPULSE_LOG_KIND: 'kafka',
      GAMEPULSE_KAFKA_BROKERS: this.brokers,
      GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS: String(t.sessionTimeoutMs),
      GAMEPULSE_KAFKA_HEARTBEAT_INTERVAL_MS: String(t.heartbeatIntervalMs),
      GAMEPULSE_KAFKA_REBALANCE_TIMEOUT_MS: String(t.rebalanceTimeoutMs),
    };
  }

  private name(base: string): string {
    return `${base}-${++this.started}`;
  }

  private collectorService(): Service {
    // One entry for both logs: GAMEPULSE_LOG_KIND=kafka (commonEnv) switches it to KafkaLog.
    return startService(
      this.name('collector'),
      'apps/src/collector.ts',
      {
        ...this.commonEnv(),
        GAMEPULSE_COLLECTOR_HTTP_PORT: String(this.ports.http),
        GAMEPULSE_COLLECTOR_GRPC_PORT: String(this.ports.grpc),
        GAMEPULSE_COLLECTOR_KEYS: this.o.keys,
        ...this.o.collectorEnv,
      },
      `http://127.0.0.1:${this.ports.http}/readyz`,
      join(this.o.dataDir, 'logs'),
      ROOT,
    );
  }

  private processorService(i: number): Service {
    const port = this.processorPorts[i]!;
    return startService(
      this.name(`processor${i}`),
      'apps/src/processor.ts',
      {
        ...this.commonEnv(),
        GAMEPULSE_STORE_PATH: this.storePath,
        GAMEPULSE_PROCESSOR_PORT: String(port),
        GAMEPULSE_PROCESSOR_CONSOLE: 'false',
        ...this.o.processorEnv,
      },
      `http://127.0.0.1:${port}/readyz`,
      join(this.o.dataDir, 'logs'),
      ROOT,
    );
  }

  private loaderService(): Service {
    return startService(
      this.name('loader'),
      'apps/src/rollups-loader.ts',
      {
        ...this.commonEnv(),
        GAMEPULSE_STORE_PATH: this.storePath,
        GAMEPULSE_LOADER_PORT: String(this.ports.query),
        GAMEPULSE_LOADER_CONSOLE: 'false',
      },
      `http://127.0.0.1:${this.ports.query}/readyz`,
      join(this.o.dataDir, 'logs'),
      ROOT,
    );
  }

  /** kill -9 processor i, start a new one in its place; resolves once it is ready. */
  async killProcessor(i: number, opts: { restart?: boolean } = {}): Promise<void> {
    const s = this.processors[i]!;
    s.child.kill('SIGKILL');
    await s.exited;
    if (opts.restart === false) return;
    this.processors[i] = this.processorService(i);
    await waitReady(this.processors[i], READY_MS);
  }

  /** Starts processor i again if it exited on its own (gave up after repeated failures). */
  async reviveExitedProcessors(): Promise<number> {
    let revived = 0;
    for (let i = 0; i < this.processors.length; i++) {
      if (this.processors[i]!.child.exitCode === null && this.processors[i]!.child.signalCode === null) continue;
      this.processors[i] = this.processorService(i);
      await waitReady(this.processors[i]!, READY_MS);
      revived++;
    }
    return revived;
  }

  /** kill -9 the collector and start a new one on the same ports. */
  async killCollector(): Promise<void> {
    this.collector.child.kill('SIGKILL');
    await this.collector.exited;
    this.collector = this.collectorService();
    await waitReady(this.collector, READY_MS);
  }

  /** Graceful collector restart (SIGTERM: it drains, then exits), a new one on the same ports. */
  async restartCollector(graceMs = 30_000): Promise<number> {
    const code = await stopService(this.collector, graceMs);
    this.collector = this.collectorService();
    await waitReady(this.collector, READY_MS);
    return code;
  }

  /** Stops the broker (clean shutdown) and starts it again on the same data dir. */
  async restartBroker(opts: { downMs?: number } = {}): Promise<void> {
    if (!this.broker) throw new Error('restartBroker: not a Kafka pipeline');
    await stopKafka({ ...this.o.broker, log: () => undefined });
    if (opts.downMs) await new Promise((r) => setTimeout(r, opts.downMs));
    this.broker = await startKafka({ ...this.o.broker, log: () => undefined });
  }

  /** Graceful stop of what writes the DuckDB file (processor or loader), so the test can open it. */
  async stopStoreWriter(graceMs = 30_000): Promise<number> {
    return stopService(this.o.kind === 'kafka' ? this.loader! : this.processors[0]!, graceMs);
  }

  /** Starts what writes the DuckDB file again after `stopStoreWriter` (processor or loader). */
  async restartStoreWriter(): Promise<void> {
    if (this.o.kind === 'kafka') {
      this.loader = this.loaderService();
      await waitReady(this.loader, READY_MS);
    } else {
      this.processors[0] = this.processorService(0);
      await waitReady(this.processors[0], READY_MS);
    }
  }

  /** The processors' /metrics URLs (of the live ones). */
  processorMetricsUrls(): string[] {
    return this.processorPorts.map((port) => `http://127.0.0.1:${port}/metrics`);
  }

  /** Stops every process. The broker stays: the test file that owns it stops it. */
  async stop(): Promise<void> {
    const services = [this.collector, ...this.processors, ...(this.loader ? [this.loader] : [])].filter(Boolean);
    await Promise.all(services.map((s) => stopService(s, 15_000)));
  }
}
