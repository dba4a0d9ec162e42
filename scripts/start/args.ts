/** Command-line options of `npm start`, with defaults in one place. */
import { parseArgs } from 'node:util';

export interface StartOptions {
  /** Players in the game at once. */
  players: number;
  /** Simulator seed; a fresh one per run keeps install ids (and their batch sequences) unique. */
  seed: string;
  /** How much faster than life the simulated players live. */
  timeScale: number;
  /** Wipe .data before starting. */
  fresh: boolean;
  /** Run without the simulator (send your own events). */
  simulate: boolean;
  /** 'http', 'grpc' or 'mixed' (half the players on each). */
  transport: 'http' | 'grpc' | 'mixed';
  dataDir: string;
  collectorHttpPort: number;
  collectorGrpcPort: number;
  queryPort: number;
  /** Run against a real Apache Kafka broker (started here) instead of the embedded log. */
  kafka: boolean;
  /** Kafka profile: processor processes (each owns some events partitions). */
  processors: number;
  /** Kafka profile: broker client port (the controller listens on port + 1). */
  kafkaPort: number;
  /** Also start Apache Druid, ingest the rollups topic, and serve the KPI API on Druid (implies kafka). */
  druid: boolean;
  /** Druid profile: port of the query API + console answering from Druid. */
  druidQueryPort: number;
  /** An incident the simulator injects (samples' incidents.ts), or none. */
  incident: StartIncident | undefined;
  /** Wall-clock ms after the start when the incident begins. */
  incidentAfterMs: number;
  /** Wall-clock ms the incident lasts. */
  incidentForMs: number;
  /** Run a real Prometheus Alertmanager (built with Go) for the alert engine to deliver to. */
  alertmanager: boolean;
  alertmanagerPort: number;
  /** Also start Apache Superset with the "Live ops" dashboard on Druid (implies druid). */
  superset: boolean;
  supersetPort: number;
}

/** Incidents `--incident` injects: the simulator's kinds (collector-slowdown is not simulator traffic). */
export const START_INCIDENTS = ['dau-drop', 'fraud', 'exploit', 'bad-release', 'sdk-drops', 'refund-burst'] as const;
export type StartIncident = (typeof START_INCIDENTS)[number];

/**
 * A duration as the flags take it: a number with a unit (`500ms`, `60s`, `2m`, `1h`), or
 * a bare number of seconds. Undefined when it is not one.
 */
export function parseDurationMs(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

const HELP = `npm start -- [options]

Starts collector + processor + query API/console + player simulator on the embedded
default (durable embedded log + DuckDB under .data/), prints the URLs and a live
throughput line; Ctrl-C shuts everything down gracefully. A service that crashes is
restarted after a backoff (0.5 s doubling to 15 s) and the live line counts its restarts;
5 crashes of one service within 60 s stop everything (scripts/start/restart-policy.ts).

  --players N        players in the game at once            (default 300)
  --seed S           simulator seed                         (default: new per run)
  --time-scale X     simulated time runs X times faster     (default 30)
  --transport T      http | grpc | mixed                    (default mixed)
  --no-sim           start the pipeline only
  --fresh            delete .data first
  --data-dir D       where the log, the store and logs live (default .data)
  --http-port P      collector HTTP port                    (default 8080)
  --grpc-port P      collector gRPC port                    (default 50051)
  --query-port P     query API + console port               (default 8090)

Kafka profile (real Apache Kafka from Maven Central, started and stopped here):
  --kafka            collector → Kafka → transactional processors → rollups topic
                     → loader → DuckDB (query API + console on --query-port)
  --processors N     processor processes                    (default 2)
  --kafka-port P     broker port; controller on P+1         (default 19092)

Druid profile (real Apache Druid from Maven Central; implies --kafka):
  --druid            also start Druid, submit the rollups-topic supervisors and serve
                     the same KPI API + console from Druid on --druid-query-port
  --druid-query-port P                                      (default 8099)

Superset (Apache Superset 6.1 on the Druid profile; implies --druid):
  --superset         also start Superset with the Druid connection, datasets, charts and
                     the "Live ops" dashboard of superset/assets (user admin, password
                     admin: local use only; GAMEPULSE_SUPERSET_USER / _PASSWORD override).
                     The first start installs it into ~/.cache/gamepulse/superset
                     (minutes), then it is reused
  --superset-port P  Superset's port                        (default 8088)

Alerts (config/alert-rules.yml, evaluated every minute; the console and /v1/alerts show them):
  --alertmanager-port P  a real Prometheus Alertmanager the alerts go to (default 9093;
                     built with Go on the first start, minutes, then cached)
  --no-alertmanager  no Alertmanager (also without Go on the machine)

Incidents (the simulator injects one into the live traffic, so alerts have something to fire on):
  --incident K       dau-drop     80 % of session starts fail (players cannot log in)
                     fraud        3 extra players buy every 5 s at 10x the largest price
                     exploit      3 extra players earn 10 000 gems every 2 s
                     bad-release  half the new sessions run build 1.4.0-bad, full of errors
                     sdk-drops    half the new sessions run build 1.5.0-drops, whose SDK drops events
                     refund-burst 3 extra players have a chargeback every 5 s (a stolen-card wave)
  --incident-after D when it starts, after the launch         (default 20m: the drop and
                     spike rules compare with the store's earlier windows, which a fresh
                     store has after about 20 minutes; bad-release fires at any time)
  --incident-for D   how long it lasts                        (default 5m)
                     durations: 500ms, 60s, 2m, 1h (a bare number is seconds); a line is
                     printed when the incident starts and when it ends
`;

/** Every listening port must be distinct: a clash would make one service answer for another. */
function checkPorts(o: StartOptions): void {
  const used = new Map<number, string>();
  const claim = (port: number, what: string) => {
    if (port === 0) return;
    const other = used.get(port);
    if (other) {
      process.stderr.write(`port ${port} is given to both ${other} and ${what}; choose another with the options below\n\n${HELP}`);
      process.exit(2);
    }
    used.set(port, what);
  };
  claim(o.collectorHttpPort, '--http-port');
  claim(o.collectorGrpcPort, '--grpc-port');
  claim(o.queryPort, '--query-port');
  if (o.kafka) {
    for (let i = 1; i <= o.processors; i++) claim(o.queryPort + i, `processor ${i - 1} (--query-port + ${i})`);
    claim(o.kafkaPort, '--kafka-port');
    claim(o.kafkaPort + 1, 'the Kafka controller (--kafka-port + 1)');
  }
  if (o.druid) claim(o.druidQueryPort, '--druid-query-port');
  if (o.alertmanager) claim(o.alertmanagerPort, '--alertmanager-port');
  if (o.superset) claim(o.supersetPort, '--superset-port');
}

export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      players: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      transport: { type: 'string' },
      'no-sim': { type: 'boolean' },
      'no-alertmanager': { type: 'boolean' },
      'alertmanager-port': { type: 'string' },
      fresh: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'http-port': { type: 'string' },
      'grpc-port': { type: 'string' },
      'query-port': { type: 'string' },
      kafka: { type: 'boolean' },
      processors: { type: 'string' },
      'kafka-port': { type: 'string' },
      druid: { type: 'boolean' },
      'druid-query-port': { type: 'string' },
      superset: { type: 'boolean' },
      'superset-port': { type: 'string' },
      incident: { type: 'string' },
      'incident-after': { type: 'string' },
      'incident-for': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const num = (name: string, raw: string | undefined, def: number, min: number) => {
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) {
      process.stderr.write(`--${name} must be a number >= ${min}, got "${raw}"\n\n${HELP}`);
      process.exit(2);
    }
    return n;
  };
  const transport = values.transport ?? 'mixed';
  if (!['http', 'grpc', 'mixed'].includes(transport)) {
    process.stderr.write(`--transport must be http, grpc or mixed, got "${transport}"\n`);
    process.exit(2);
  }
  const incident = values.incident;
  if (incident !== undefined && !(START_INCIDENTS as readonly string[]).includes(incident)) {
    process.stderr.write(`--incident must be one of ${START_INCIDENTS.join(', ')}, got "${incident}"\n\n${HELP}`);
    process.exit(2);
  }
  if (incident !== undefined && values['no-sim']) {
    process.stderr.write('--incident needs the simulator: it cannot be combined with --no-sim\n');
    process.exit(2);
  }
  const duration = (name: string, raw: string | undefined, def: number, min: number) => {
    if (raw === undefined) return def;
    const ms = parseDurationMs(raw);
    if (ms === undefined || ms < min) {
      process.stderr.write(`--${name} must be a duration such as 90s or 5m (at least ${min} ms), got "${raw}"\n\n${HELP}`);
      process.exit(2);
    }
    return ms;
  };
  const options: StartOptions = {
    players: Math.floor(num('players', values.players, 300, 1)),
    seed: values.seed ?? Date.now().toString(36),
    timeScale: num('time-scale', values['time-scale'], 30, 1),
    fresh: !!values.fresh,
    simulate: !values['no-sim'],
    transport: transport as StartOptions['transport'],
    dataDir: values['data-dir'] ?? '.data',
    collectorHttpPort: num('http-port', values['http-port'], 8080, 0),
    collectorGrpcPort: num('grpc-port', values['grpc-port'], 50051, 0),
    queryPort: num('query-port', values['query-port'], 8090, 0),
    kafka: !!values.kafka || !!values.druid || !!values.superset,
    processors: Math.floor(num('processors', values.processors, 2, 1)),
    kafkaPort: num('kafka-port', values['kafka-port'], 19092, 1),
    druid: !!values.druid || !!values.superset,
    druidQueryPort: num('druid-query-port', values['druid-query-port'], 8099, 0),
    incident: incident as StartIncident | undefined,
    incidentAfterMs: duration('incident-after', values['incident-after'], 20 * 60_000, 0),
    incidentForMs: duration('incident-for', values['incident-for'], 5 * 60_000, 1),
    alertmanager: !values['no-alertmanager'],
    alertmanagerPort: num('alertmanager-port', values['alertmanager-port'], 9093, 1),
    superset: !!values.superset,
    supersetPort: num('superset-port', values['superset-port'], 8088, 1),
  };
  checkPorts(options);
  return options;
}
