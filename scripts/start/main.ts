/**
 * The whole pipeline on one machine, on the embedded default:
 *
 *   simulator (this process, real SDK clients over HTTP and gRPC)
 *     → collector process (embedded durable log writer)
 *     → processor process (log reader → DuckDB; query API + console on the same port)
 *
 * Prints the URLs and a live one-line summary; Ctrl-C stops the players (they end their
 * sessions and flush), then the collector (drain), then the processor (final commit).
 * Services run supervised (service-group.ts): a crashed one is restarted with backoff and
 * shows on the live line; only a crash loop stops the launcher.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator, type IncidentSpec, type Simulator } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { parseStartArgs } from './args.ts';
import { startAlertmanagerProfile, type AlertmanagerProfile } from './alertmanager-profile.ts';
import { startDruidProfile, type DruidProfile } from './druid-profile.ts';
import { startKafkaProfile, type KafkaProfile } from './kafka-profile.ts';
import { startSupersetProfile, type SupersetProfile } from './superset-profile.ts';
import { scrape, sumMetric } from './prometheus.ts';
import { ServiceGroup } from './service-group.ts';
import type { ServiceSupervisor } from './supervisor.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opts = parseStartArgs(process.argv.slice(2));
const dataDir = resolve(root, opts.dataDir);
const GAME_KEY = 'dev-key';
const tty = process.stdout.isTTY;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function banner(services: ServiceSupervisor[]): void {
  const c = `http://127.0.0.1:${opts.queryPort}`;
  const lines = [
    '',
    kafka
      ? `  gamepulse is running (Apache Kafka at ${kafka.brokers}, ${kafka.processors.length} transactional processors, loader → DuckDB)`
      : '  gamepulse is running (embedded log + DuckDB)',
    '',
    `  console        ${c}/`,
    `  KPI API        ${c}/v1/kpis            e.g. ${c}/v1/kpis/events_by_type?granularity=all`,
    `  collector      http://127.0.0.1:${opts.collectorHttpPort}/v1/batch   (HTTP, key "${GAME_KEY}")`,
    `                 127.0.0.1:${opts.collectorGrpcPort}                  (gRPC gamepulse.v1.Collector/Send)`,
    `  metrics        http://127.0.0.1:${opts.collectorHttpPort}/metrics   ${c}/metrics`,
    ...(kafka ? [`  processors     ${kafka.processorMetricsUrls.join('  ')}`] : []),
    ...(druid
      ? [
          `  Druid console  http://127.0.0.1:${opts.druidQueryPort}/   (same KPIs, answered by Apache Druid)`,
          `  Druid router   ${druid.routerUrl}   (one entry point: SQL at /druid/v2/sql, the coordinator and overlord APIs)`,
          `  Druid SQL      ${druid.brokerUrl}/druid/v2/sql   Superset URI: ${druid.sqlalchemyUri}`,
        ]
      : []),
    ...(superset ? [`  Superset       ${superset.url}/superset/dashboard/live-ops/   (--superset; a line says when it is up)`] : []),
    `  alerts         ${druid ? `http://127.0.0.1:${opts.druidQueryPort}` : c}/v1/alerts   rules: config/alert-rules.yml` +
      (alertmanager ? `   Alertmanager: ${alertmanager.url}/api/v2/alerts` : ''),
    `  health         /healthz and /readyz on ${kafka ? 'each' : 'both'}`,
    `  data           ${dataDir}`,
    `  logs           ${services.map((s) => group.logFile(s.name)).join('  ')}`,
    opts.simulate
      ? `  simulator      ${opts.players} players, seed ${opts.seed}, transport ${opts.transport}, ${opts.timeScale}x time`
      : '  simulator      off (--no-sim)',
    ...(incident
      ? [
          `  incident       ${incident.kind} from ${clockTime(incident.startMs)} to ${clockTime(incident.startMs + incident.durationMs)} (--incident)`,
        ]
      : []),
    '',
    '  Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** The alert engine's delivery target, when Alertmanager runs. */
let alertmanager: AlertmanagerProfile | undefined;
const alertmanagerEnv = (): Record<string, string> => (alertmanager ? { GAMEPULSE_ALERTMANAGER_URLS: alertmanager.url } : {});

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * `--incident`: its window on the wall clock (the realtime simulator's time), counted from
 * when the players start — after the services are up, however long that took.
 */
let incident: IncidentSpec | undefined;

/** What each incident does, for the lines printed as it starts. */
const INCIDENT_EFFECT: Record<NonNullable<typeof opts.incident>, string> = {
  'dau-drop': '80 % of session starts fail; online players and DAU fall',
  fraud: '3 extra players buy every 5 s at 10x the largest price',
  exploit: '3 extra players earn 10 000 gems every 2 s; the gems net flow explodes',
  'bad-release': 'half the new sessions run build 1.4.0-bad and report errors',
  'sdk-drops': 'half the new sessions run build 1.5.0-drops, whose SDK drops an invalid event after half the actions',
  'refund-burst': '3 extra players have a chargeback every 5 s; the refund rate jumps',
};

/** Prints a line as the incident starts and as it ends (timers unref'd: they never keep the launcher up). */
function announceIncident(): void {
  if (!incident || !opts.incident) return;
  const { startMs, durationMs } = incident;
  const say = (line: string) => process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`);
  const kind = opts.incident;
  setTimeout(
    () => say(`incident ${kind} started at ${clockTime(Date.now())}: ${INCIDENT_EFFECT[kind]} (until ${clockTime(startMs + durationMs)})`),
    Math.max(0, startMs - Date.now()),
  ).unref();
  setTimeout(
    () => say(`incident ${kind} ended at ${clockTime(Date.now())}; traffic is back to normal`),
    Math.max(0, startMs + durationMs - Date.now()),
  ).unref();
}

function startSimulator(): Simulator {
  const sim = createSimulator({
    mode: 'realtime',
    players: opts.players,
    seed: opts.seed,
    timeScale: opts.timeScale,
    ...(incident ? { incidents: [incident] } : {}),
    // Players come back after ~5 simulated minutes, so the demo has people online.
    idleGapMs: 5 * 60_000,
    createClient: (p, clock) => {
      const grpc = opts.transport === 'grpc' || (opts.transport === 'mixed' && p.installId.endsWith('1'));
      return createNodeGamepulse({
        gameKey: GAME_KEY,
        gameId: 'demo',
        endpoint: grpc ? `http://127.0.0.1:${opts.collectorGrpcPort}` : `http://127.0.0.1:${opts.collectorHttpPort}`,
        transport: grpc ? 'grpc' : 'http',
        installId: p.installId,
        playerId: p.playerId,
        platform: p.platform,
        build: p.build,
        country: p.country,
        locale: p.locale,
        flushIntervalMs: 2_000,
        clock,
      });
    },
  });
  void sim.run();
  announceIncident();
  return sim;
}

interface Sample {
  at: number;
  tracked: number;
  accepted: number;
  committed: number;
}

/** Set when running the Kafka profile (`--kafka`). */
let kafka: KafkaProfile | undefined;
/** Set when running the Druid profile (`--druid`, on top of Kafka). */
let druid: DruidProfile | undefined;
/** Set when running Superset on the Druid profile (`--superset`). */
let superset: SupersetProfile | undefined;

async function sample(
  sim: Simulator | undefined,
): Promise<Sample & { lag: number; online: number; duplicates: number; collisions: number; tooOld: number }> {
  const [collector, processor, online] = await Promise.all([
    scrape(`http://127.0.0.1:${opts.collectorHttpPort}/metrics`),
    kafka
      ? Promise.all(kafka.processorMetricsUrls.map(scrape)).then((texts) => texts.join('\n'))
      : scrape(`http://127.0.0.1:${opts.queryPort}/metrics`),
    fetch(`http://127.0.0.1:${opts.queryPort}/v1/kpis/online_now`)
      .then((r) => (r.ok ? (r.json() as Promise<{ rows: Array<{ players: number }> }>) : undefined))
      .catch(() => undefined),
  ]);
  return {
    at: Date.now(),
    tracked: sim?.stats().eventsTracked ?? 0,
    accepted: sumMetric(collector, 'gamepulse_collector_events_accepted_total'),
    committed: sumMetric(processor, 'gamepulse_processor_events_committed_total'),
    lag: sumMetric(processor, 'gamepulse_processor_lag_records'),
    // Dedup verdicts (processor/README.md, "Dedup"): re-sends dropped; collisions folded; too_old dead-lettered.
    duplicates: sumMetric(processor, 'gamepulse_processor_batches_total', (l) => /verdict="(duplicate|split_duplicate)"/.test(l)),
    collisions: sumMetric(processor, 'gamepulse_processor_batches_total', (l) => l.includes('verdict="collision"')),
    tooOld: sumMetric(processor, 'gamepulse_processor_batches_total', (l) => l.includes('verdict="too_old"')),
    online: online?.rows[0]?.players ?? 0,
  };
}

/** Every service of this run, supervised; crash and restart lines interrupt the live line. */
const group = new ServiceGroup({
  logDir: join(dataDir, 'logs'),
  root,
  log: (line) => process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`),
});

async function main(): Promise<void> {
  if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
  if (opts.alertmanager && (!opts.kafka || opts.druid))
    alertmanager = await startAlertmanagerProfile(opts.alertmanagerPort, (line) =>
      process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`),
    );
  if (opts.kafka) return mainKafka();
  const env = { GAMEPULSE_LOG_DIR: join(dataDir, 'log'), GAMEPULSE_TOPIC_PREFIX: 'gamepulse' };
  process.stdout.write('starting collector and processor …\n');
  const collector = await group.start({
    name: 'collector',
    entry: 'apps/src/collector.ts',
    env: {
      ...env,
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(opts.collectorHttpPort),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(opts.collectorGrpcPort),
    },
    readyUrl: `http://127.0.0.1:${opts.collectorHttpPort}/readyz`,
  });
  const processor = await group.start({
    name: 'processor',
    entry: 'apps/src/processor.ts',
    env: {
      ...env,
      GAMEPULSE_STORE_PATH: join(dataDir, 'gamepulse.duckdb'),
      GAMEPULSE_PROCESSOR_PORT: String(opts.queryPort),
      ...alertmanagerEnv(),
    },
    readyUrl: `http://127.0.0.1:${opts.queryPort}/readyz`,
  });
  await run([collector, processor], [collector, processor], async () => alertmanager?.stop());
}

/** `--kafka`: broker, collector, processors, loader; stop order collector → processors → loader → broker. */
async function mainKafka(): Promise<void> {
  process.stdout.write(`starting Apache Kafka, collector, ${opts.processors} processor(s) and the loader …\n`);
  // With Druid, the Druid query API evaluates the alerts; the loader's DuckDB copy does not too.
  kafka = await startKafkaProfile(opts, dataDir, group, opts.druid ? { GAMEPULSE_ALERT_RULES: 'off' } : alertmanagerEnv());
  const services = [kafka.collector, ...kafka.processors, kafka.loader];
  if (opts.druid) {
    process.stdout.write('starting Apache Druid (first run fetches it from Maven Central) …\n');
    // The Druid query API holds no DuckDB file to keep alert state beside: give it a directory.
    druid = await startDruidProfile(opts, kafka.brokers, group, {
      ...alertmanagerEnv(),
      GAMEPULSE_ALERT_STATE_DIR: join(dataDir, 'alerts-druid'),
    });
    if (opts.superset)
      superset = startSupersetProfile(opts.supersetPort, druid.sqlalchemyUri, dataDir, (line) =>
        process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`),
      );
  }
  const extra = druid ? [druid.api] : [];
  await run([...services, ...extra], [...extra, ...services], async () => {
    // Druid's supervisors read the broker: stop Druid first.
    await superset?.stop();
    await alertmanager?.stop();
    await druid?.stop();
    await kafka!.stopBroker();
  });
}

/** Banner, simulator, status line and graceful shutdown: services stop in `stopOrder`, then `after`. */
async function run(services: ServiceSupervisor[], stopOrder: ServiceSupervisor[], after: () => Promise<void>): Promise<void> {
  if (opts.incident) incident = { kind: opts.incident, startMs: Date.now() + opts.incidentAfterMs, durationMs: opts.incidentForMs };
  banner(services);

  const sim = opts.simulate ? startSimulator() : undefined;
  let prev = await sample(sim);
  const timer = setInterval(() => {
    void sample(sim).then((s) => {
      const dt = (s.at - prev.at) / 1000;
      const rate = (a: number, b: number) => fmt(Math.max(0, (a - b) / dt));
      const line =
        `${new Date(s.at).toISOString().slice(11, 19)}  tracked ${rate(s.tracked, prev.tracked)}/s · acked ${rate(s.accepted, prev.accepted)}/s · ` +
        `committed ${rate(s.committed, prev.committed)}/s · lag ${fmt(s.lag)} rec · re-sends dropped ${fmt(s.duplicates)}` +
        (s.collisions || s.tooOld ? ` (sequence collisions ${fmt(s.collisions)}, too old ${fmt(s.tooOld)})` : '') +
        ` · online ${fmt(s.online)} · total ${fmt(s.committed)}` +
        (group.restartsSummary() ? ` · ${group.restartsSummary()}` : '');
      process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      prev = s;
    });
  }, 1_000);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stdout.write('\nsecond signal: killing services\n');
      for (const s of services) s.kill();
      process.exit(130);
    }
    stopping = true;
    clearInterval(timer);
    process.stdout.write(`\n${signal}: stopping players (ending sessions, flushing) …\n`);
    if (sim) {
      sim.stop();
      await Promise.race([sim.run(), new Promise((r) => setTimeout(r, 15_000))]);
    }
    const codes: string[] = [];
    let ok = signal !== 'failure';
    for (const [i, svc] of stopOrder.entries()) {
      process.stdout.write(`stopping ${svc.name}${i === 0 ? ' (drain)' : ' (final commit)'} …\n`);
      const running = svc.state === 'starting' || svc.state === 'running';
      const code = await svc.stop();
      codes.push(running ? `${svc.name} exit ${code}` : `${svc.name} ${svc.state}`);
      ok &&= !running || code === 0;
      // Let the next stage read what this one wrote last before its own final commit.
      if (i < stopOrder.length - 1) await new Promise((r) => setTimeout(r, 1_500));
    }
    await after();
    const last = sim?.stats();
    process.stdout.write(
      `stopped (${codes.join(', ')})` +
        (last ? `; players tracked ${fmt(last.eventsTracked)} events in ${fmt(last.sessions)} sessions` : '') +
        '\n',
    );
    process.exit(ok ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A crash is the supervisors' to restart; only a crash loop stops the launcher.
  void group.crashLoop.then(() => {
    if (!stopping) void stop('failure');
  });
}

main().catch(async (err: unknown) => {
  process.stderr.write(`npm start failed: ${(err as Error).message}\n`);
  // Services run in their own process groups: stop the ones that did start, or they outlive us.
  await Promise.all(group.services.map((s) => s.stop()));
  // Superset runs in its own process group too.
  await superset?.stop();
  process.exit(1);
});
