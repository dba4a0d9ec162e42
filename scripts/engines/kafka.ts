/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) for
 * integration tests and the local "Kafka profile". The jars come from Maven Central
 * (no Docker, no tarball download) and run on the machine's Java 17.
 *
 * Why 4.4.0: the newest 4.x on Maven Central here, and its classes are Java 17 bytecode
 * (Kafka 4.x brokers need Java 17+, KIP-750/KIP-1013); kafkajs 2.2.4 negotiates
 * versions that 4.x still accepts after KIP-896 removed the old ones (see KAFKA.md).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { cacheRoot } from './cache.ts';
import { fetchMavenJars } from './maven.ts';
import { portOpen, readPid, startBackground, stopPid, waitUntil } from './process.ts';

/** Newest Kafka on Maven Central whose broker runs on Java 17. */
export const DEFAULT_KAFKA_VERSION = '4.4.0';
/** SLF4J 2 binding that prints to the broker's log file; no log4j config to ship. */
const SLF4J_VERSION = '2.0.17';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface KafkaJarsOptions {
  /** Kafka release (`org.apache.kafka:kafka_2.13:<version>`). @default DEFAULT_KAFKA_VERSION */
  version?: string;
  /** Progress lines. @default console.error */
  log?: (line: string) => void;
}

export interface KafkaOptions extends KafkaJarsOptions {
  /** Client (PLAINTEXT) port on 127.0.0.1. @default 19092 */
  port?: number;
  /** KRaft controller port on 127.0.0.1. @default 19093 */
  controllerPort?: number;
  /**
   * Holds server.properties, the KRaft log dirs, the pid and the broker log. Per version
   * by default: KRaft storage formatted by a newer release does not start an older one.
   * @default <repo>/.data/kafka/<version>
   */
  dataDir?: string;
  /** JVM max heap; a test broker with a few topics lives well in far less. @default 1024 */
  heapMb?: number;
  /** How long start may take before it fails with the log tail. @default 120_000 */
  startTimeoutMs?: number;
  /** Default retention of topic data. @default 14_400_000 (4 h: enough for a test day, small on disk) */
  retentionMs?: number;
  /** Extra or overriding broker properties (`key=value` in server.properties). @default {} */
  properties?: Record<string, string>;
}

type ResolvedKafkaOptions = Required<KafkaOptions>;

export interface KafkaHandle {
  /** Bootstrap list for Kafka clients, e.g. `['127.0.0.1:19092']`. */
  brokers: string[];
  /** False when start found this broker already running with the same config and reused it. */
  startedHere: boolean;
  pid: number;
  logFile: string;
  dataDir: string;
  version: string;
  /** Stops the broker (SIGTERM, then SIGKILL after the grace period). */
  stop(): Promise<void>;
}

export function resolveKafkaOptions(opts: KafkaOptions = {}): ResolvedKafkaOptions {
  const version = opts.version ?? process.env.GAMEPULSE_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  return {
    version,
    log: opts.log ?? ((l: string) => console.error(l)),
    port: opts.port ?? 19092,
    controllerPort: opts.controllerPort ?? 19093,
    dataDir: resolve(opts.dataDir ?? join(REPO_ROOT, '.data', 'kafka', version)),
    heapMb: opts.heapMb ?? 1024,
    startTimeoutMs: opts.startTimeoutMs ?? 120_000,
    retentionMs: opts.retentionMs ?? 4 * 3_600_000,
    properties: opts.properties ?? {},
  };
}

/** Where the broker's files live inside `dataDir`. */
export function kafkaPaths(dataDir: string) {
  return {
    pidFile: join(dataDir, 'kafka.pid'),
    logFile: join(dataDir, 'kafka.log'),
    configFile: join(dataDir, 'server.properties'),
    clusterIdFile: join(dataDir, 'cluster-id'),
    logDirs: join(dataDir, 'kraft'),
  };
}

/** Jar paths for a Kafka release; fetched once into `<cacheRoot>/kafka-<version>/`, then reused offline. */
export async function ensureKafkaJars(opts: KafkaJarsOptions = {}): Promise<string[]> {
  const version = opts.version ?? process.env.GAMEPULSE_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  return fetchMavenJars({
    dir: join(cacheRoot(), `kafka-${version}`),
    artifacts: [
      `org.apache.kafka:kafka_2.13:${version}`,
      // kafka_2.13 pulls slf4j-api 1.7.36, which cannot see an SLF4J 2 binding; a direct
      // dependency wins Maven's nearest-first mediation.
      `org.slf4j:slf4j-api:${SLF4J_VERSION}`,
      `org.slf4j:slf4j-simple:${SLF4J_VERSION}`,
    ],
    // Older releases (3.x) bring their own binding; two bindings make SLF4J pick one at random.
    exclusions: [
      'org.slf4j:slf4j-reload4j',
      'org.slf4j:slf4j-log4j12',
      'org.apache.logging.log4j:log4j-slf4j-impl',
      'org.apache.logging.log4j:log4j-slf4j2-impl',
    ],
    log: opts.log,
  });
}

/** The combined broker+controller config; everything single-node and bound to 127.0.0.1. */
export function serverProperties(o: ResolvedKafkaOptions): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static voter set (not `--standalone`'s dynamic quorum): changing the controller
    // port later needs no storage reformat.
    'controller.quorum.voters': `1@127.0.0.1:${o.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${o.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': kafkaPaths(o.dataDir).logDirs,
    // One node: every internal topic must accept replication factor and ISR of 1,
    // or group coordination and transactions never become available.
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // 50 partitions each (the defaults) cost seconds of start and coordinator loading.
    'offsets.topic.num.partitions': 8,
    'transaction.state.log.num.partitions': 8,
    'num.partitions': 1,
    // Tests join one consumer at a time; the 3 s default only delays the first join.
    'group.initial.rebalance.delay.ms': 0,
    // Topics are created on purpose (like production), so a typo fails loudly.
    'auto.create.topics.enable': false,
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.retention.ms': o.retentionMs,
    'log.retention.check.interval.ms': 60_000,
    // Two cores: the defaults (3 network, 8 io threads) only add contention.
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    ...o.properties,
  };
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .concat('\n');
}

/**
 * KRaft cluster ids are 16 random bytes in URL-safe base64 without padding (Kafka's
 * `Uuid.toString`); Kafka never hands out ids starting with '-' (they read as CLI flags).
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function javaArgs(o: ResolvedKafkaOptions, jars: string[], main: string, args: string[]): string[] {
  return [
    `-Xmx${o.heapMb}m`,
    `-Xms${Math.min(256, o.heapMb)}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    '-Dorg.slf4j.simpleLogger.showDateTime=true',
    '-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS',
    // The request logger and the KRaft state dumps drown the lines that explain a failure.
    '-Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn',
    '-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn',
    '-cp',
    jars.join(':'),
    main,
    ...args,
  ];
}

function runJava(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (err) => reject(new Error(`cannot run java (is a JDK 17+ installed?): ${err.message}`)));
    child.on('exit', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

/** Formats the KRaft log dir once per data dir; later starts keep topics and offsets. */
async function formatStorage(o: ResolvedKafkaOptions, jars: string[]): Promise<void> {
  const paths = kafkaPaths(o.dataDir);
  if (existsSync(join(paths.logDirs, 'meta.properties'))) return;
  if (!existsSync(paths.clusterIdFile)) writeFileSync(paths.clusterIdFile, newClusterId());
  const clusterId = readFileSync(paths.clusterIdFile, 'utf8').trim();
  o.log(`[kafka] formatting ${paths.logDirs} (cluster ${clusterId})`);
  const res = await runJava(
    javaArgs(o, jars, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', paths.configFile, '--ignore-formatted']),
  );
  if (res.code !== 0) throw new Error(`kafka storage format failed (exit ${res.code}):\n${res.output}`);
}

/** True once the broker answers a metadata request and lists itself. */
export async function brokerAnswers(brokers: string[], timeoutMs = 5_000): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'gamepulse-kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The pid in the data dir's pid file, only if that process is still this data dir's
 * broker: after a reboot the number may belong to an unrelated process, which `stop`
 * must never signal. Where /proc is missing (macOS) the pid file is trusted.
 */
function brokerPid(dataDir: string): number | undefined {
  const { pidFile, configFile } = kafkaPaths(dataDir);
  const pid = readPid(pidFile);
  if (!pid) return undefined;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return pid;
  try {
    return readFileSync(cmdline, 'utf8').split('\0').includes(configFile) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function handle(o: ResolvedKafkaOptions, pid: number, startedHere: boolean): KafkaHandle {
  const paths = kafkaPaths(o.dataDir);
  return {
    brokers: [`127.0.0.1:${o.port}`],
    startedHere,
    pid,
    logFile: paths.logFile,
    dataDir: o.dataDir,
    version: o.version,
    stop: async () => {
      await stopKafka(o);
    },
  };
}

/**
 * Starts the broker in the background (or reuses the one a previous call started with
 * the same config) and resolves once it answers Kafka requests.
 */
export async function startKafka(opts: KafkaOptions = {}): Promise<KafkaHandle> {
  const o = resolveKafkaOptions(opts);
  const paths = kafkaPaths(o.dataDir);
  mkdirSync(o.dataDir, { recursive: true });
  const config = serverProperties(o);
  const fingerprint = `# gamepulse kafka ${o.version} heap=${o.heapMb}m\n${config}`;

  const running = brokerPid(o.dataDir);
  if (running) {
    const same = existsSync(paths.configFile) && readFileSync(paths.configFile, 'utf8') === fingerprint;
    if (same && (await brokerAnswers([`127.0.0.1:${o.port}`]))) {
      o.log(`[kafka] reusing broker pid ${running} on 127.0.0.1:${o.port}`);
      return handle(o, running, false);
    }
    o.log(`[kafka] broker pid ${running} has another config or does not answer; restarting it`);
    await stopKafka(o);
  }
  for (const port of [o.port, o.controllerPort]) {
    if (await portOpen(port))
      throw new Error(
        `port ${port} on 127.0.0.1 is taken by a process that is not this broker (pid file ${paths.pidFile}); stop it or choose other ports`,
      );
  }

  const jars = await ensureKafkaJars(o);
  writeFileSync(paths.configFile, fingerprint);
  await formatStorage(o, jars);

  const started = Date.now();
  o.log(`[kafka] starting Kafka ${o.version} on 127.0.0.1:${o.port} (log ${paths.logFile})`);
  writeFileSync(paths.logFile, '');
  const proc = startBackground('java', javaArgs(o, jars, 'kafka.Kafka', [paths.configFile]), {
    pidFile: paths.pidFile,
    logFile: paths.logFile,
    cwd: o.dataDir,
  });
  try {
    await waitUntil('kafka', () => brokerAnswers([`127.0.0.1:${o.port}`], 2_000), {
      timeoutMs: o.startTimeoutMs,
      pid: proc.pid,
      logFile: paths.logFile,
      log: o.log,
    });
  } catch (err) {
    await stopKafka(o);
    throw err;
  }
  o.log(`[kafka] ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${proc.pid})`);
  return handle(o, proc.pid, true);
}

/**
 * Stops the broker recorded in the data dir's pid file: SIGTERM lets it close its logs
 * (a clean shutdown skips log recovery on the next start), SIGKILL after `graceMs`.
 * Resolves false when nothing was running.
 */
export async function stopKafka(opts: KafkaOptions & { graceMs?: number } = {}): Promise<boolean> {
  const o = resolveKafkaOptions(opts);
  const { pidFile } = kafkaPaths(o.dataDir);
  const pid = brokerPid(o.dataDir);
  if (!pid) {
    rmSync(pidFile, { force: true });
    return false;
  }
  o.log(`[kafka] stopping pid ${pid}`);
  await stopPid(pid, opts.graceMs ?? 30_000);
  rmSync(pidFile, { force: true });
  return true;
}

export interface KafkaStatus {
  running: boolean;
  pid?: number;
  /** Whether the broker answered a metadata request. */
  answers: boolean;
  brokers: string[];
  dataDir: string;
  logFile: string;
}

export async function kafkaStatus(opts: KafkaOptions = {}): Promise<KafkaStatus> {
  const o = resolveKafkaOptions(opts);
  const paths = kafkaPaths(o.dataDir);
  const pid = brokerPid(o.dataDir);
  const brokers = [`127.0.0.1:${o.port}`];
  const answers = pid !== undefined && (await brokerAnswers(brokers));
  return { running: pid !== undefined, ...(pid ? { pid } : {}), answers, brokers, dataDir: o.dataDir, logFile: paths.logFile };
}
