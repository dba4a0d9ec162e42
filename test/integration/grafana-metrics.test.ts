/**
 * The Grafana dashboards (grafana/) against the running services: the pipeline as real
 * processes, in both shapes (embedded: collector → processor with store, query API and
 * alert engine; Kafka: collector → processor → loader with store, query API and alert
 * engine, on a real broker), with a little traffic that makes each metric of the
 * dashboards exist — accepted, dead-lettered and refused batches, a WebSocket stream, KPI
 * queries and a failing one, an alert rule that fires and a webhook that receives it.
 * Then every metric a panel names must be in a live scrape of the process hosting the
 * part the panel is about (`about`), with every label the panel matches or groups by;
 * every gamepulse_* name of the prometheus/ alerting rules must be in a live scrape too;
 * and Prometheus's own parser (promtool) accepts every expression.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkExpression as check, lookUpSeries, parseExposition, parsePromql, type Family, type ParsedPromql } from '@gamepulse/grafana';
import { DASHBOARDS, panelsOf, type MetricSource } from '@gamepulse/grafana/builders';
import { until } from '@gamepulse/testkit';
import { metricSum, Pipeline, waitForTotal, type LogKind } from '@gamepulse/testkit/pipeline';
import { DEFAULT_KAFKA_VERSION, stopKafka, type KafkaOptions } from '../../scripts/engines/kafka.ts';
import { runPromtool } from '../../scripts/engines/promtool.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const KEY = 'grafana-it-key';
const broker: KafkaOptions = {
  port: 29402,
  controllerPort: 29403,
  dataDir: join(ROOT, '.data', 'kafka-grafana-it', DEFAULT_KAFKA_VERSION),
  heapMb: 768,
};

/**
 * Metrics that exist only once something fails (a labelled counter has no sample before
 * its first increment): the test cannot make them happen without breaking the pipeline,
 * so for them the `# TYPE` line of the live scrape is the proof the name is exported.
 */
const ON_FAILURE_ONLY = new Set([
  'gamepulse_processor_recoveries_total',
  'gamepulse_processor_poison_records_total',
  'gamepulse_store_commit_failures_total',
]);
/**
 * A JSON EventBatch of session starts for one install (collector/README.md, "JSON"),
 * reporting events its SDK dropped (sdk_health), as a real SDK does after a full queue.
 */
function batch(installId: string, sequence: number, events: number, eventId: () => string = randomUUID): string {
  const sessionId = randomUUID();
  return JSON.stringify({
    installId,
    batchSequence: sequence,
    sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: '2' }, queued: '0' },
    events: Array.from({ length: events }, (_, i) => ({
      eventId: eventId(),
      installId,
      playerId: `p-${installId}`,
      sessionId,
      sequence: i + 1,
      clientTsMs: String(Date.now()),
      sessionStart: {},
    })),
  });
}

async function post(port: number, body: string, key = KEY): Promise<{ status: number; body: { accepted?: number; rejected?: unknown[] } }> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-gamepulse-key': key },
    body,
  });
  return { status: res.status, body: (await res.json()) as { accepted?: number; rejected?: unknown[] } };
}

const checkExpression = (where: string, expr: ParsedPromql, families: Map<string, Family>) =>
  check(where, expr, families, { declaredOnly: ON_FAILURE_ONLY });

const scrape = async (url: string) => parseExposition(await (await fetch(url)).text());

/** An alert rule that fires as soon as the store holds an event (`for: 0s`), evaluated every second. */
const RULES = {
  version: 1,
  groups: [
    {
      name: 'grafana-it',
      interval: '1s',
      rules: [
        {
          alert: 'GrafanaItEventsSeen',
          kpi: 'events_by_type',
          params: { by: ['game'] },
          window: '1h',
          settle: '0s',
          value: 'events',
          condition: { threshold: { above: 0 } },
          for: '0s',
          severity: 'info',
          annotations: { summary: '{{ value }} events from {{ game }}' },
        },
      ],
    },
  ],
};

/**
 * The /metrics of the process hosting each part, per shape: the store's holder (the
 * processor embedded, the loader with Kafka) also runs the query API and the alert engine.
 * The embedded shape has no loader.
 */
function hosts(p: Pipeline): Partial<Record<MetricSource, string>> {
  const collector = `http://127.0.0.1:${p.ports.http}/metrics`;
  const processor = p.processorMetricsUrls()[0]!;
  const storeHolder = `http://127.0.0.1:${p.ports.query}/metrics`;
  return {
    collector,
    processor,
    ...(p.kind === 'kafka' ? { loader: storeHolder } : {}),
    store: storeHolder,
    query: storeHolder,
    alerts: storeHolder,
  };
}

const RULES_FILE = 'prometheus/rules/gamepulse-services.rules.yml';

beforeAll(async () => {
  await runPromtool(['--version']); // builds promtool once (minutes the first time), outside the tests' timeouts
});

afterAll(async () => {
  await stopKafka({ ...broker, log: () => undefined });
}, 120_000);

describe('grafana/dashboards: every PromQL expression', () => {
  it("is accepted by Prometheus's own parser (promtool check rules, variables substituted)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-grafana-'));
    try {
      const rules = DASHBOARDS.flatMap((d) =>
        panelsOf(d).flatMap((p, i) =>
          p.targets.map((t, j) => ({
            record: `grafana:${d.uid.replace(/-/g, '_')}:panel${i + 1}_${j + 1}`,
            expr: t.expr.replaceAll('$__rate_interval', '1m').replaceAll('$job', '.*').replaceAll('$instance', '.*'),
          })),
        ),
      );
      expect(rules.length).toBeGreaterThanOrEqual(50);
      // JSON is YAML: one rule group, one recording rule per target.
      writeFileSync(join(dir, 'dashboards.rules.yml'), JSON.stringify({ groups: [{ name: 'grafana-dashboards', rules }] }, null, 2));
      const r = await runPromtool(['check', 'rules', 'dashboards.rules.yml'], { cwd: dir });
      expect(r.stdout + r.stderr).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(r.code).toBe(0);
      // … and it does reject a broken one.
      writeFileSync(
        join(dir, 'broken.rules.yml'),
        JSON.stringify({ groups: [{ name: 'g', rules: [{ record: 'x:y', expr: 'sum(rate(a_total[1m])' }] }] }),
      );
      expect((await runPromtool(['check', 'rules', 'broken.rules.yml'], { cwd: dir })).code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const kind of ['embedded', 'kafka'] as const satisfies readonly LogKind[]) {
  describe(`grafana/dashboards against the live services (${kind === 'kafka' ? 'real Kafka: collector, processor, loader' : 'embedded: collector, processor'})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `gp-grafana-${kind}-`));
    const rulesFile = join(dataDir, 'alert-rules.json');
    let pipeline: Pipeline;
    let webhook: Server;
    const notified: string[] = [];
    const saved = { rules: process.env.GAMEPULSE_ALERT_RULES, webhook: process.env.GAMEPULSE_ALERT_WEBHOOK_URL };
    let scrapes: Partial<Record<MetricSource, Map<string, Family>>>;

    beforeAll(async () => {
      writeFileSync(rulesFile, JSON.stringify(RULES));
      webhook = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          notified.push(body);
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
      const port = (webhook.address() as { port: number }).port;
      // The alert engine runs in the process holding the store (the processor embedded, the
      // loader with Kafka); Pipeline starts every process with this process's environment
      // underneath its own, so the engine's configuration goes there.
      process.env.GAMEPULSE_ALERT_RULES = rulesFile;
      process.env.GAMEPULSE_ALERT_WEBHOOK_URL = `http://127.0.0.1:${port}/`;
      pipeline = await Pipeline.start({
        kind,
        dataDir,
        keys: `${KEY}=demo:grafana`,
        processorEnv: { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' },
        ...(kind === 'kafka' ? { broker } : {}),
        topicPrefix: `grafana-${Date.now().toString(36)}`,
      });
    });

    afterAll(async () => {
      await pipeline?.stop();
      await new Promise((r) => webhook?.close(r));
      for (const [k, v] of [
        ['GAMEPULSE_ALERT_RULES', saved.rules],
        ['GAMEPULSE_ALERT_WEBHOOK_URL', saved.webhook],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('drives traffic through every part: batches (accepted, dead-lettered, refused), a stream, KPI queries, an alert', async () => {
      const { http, query } = pipeline.ports;
      let accepted = 0;
      for (let i = 0; i < 4; i++) {
        const r = await post(http, batch(`install-${i}`, 1, 5));
        expect(r.status).toBe(200);
        accepted += r.body.accepted ?? 0;
      }
      expect(accepted).toBe(20);
      // One invalid event: dead-lettered with its code, the other two accepted.
      let n = 0;
      const partial = await post(
        http,
        batch('install-bad', 1, 3, () => (n++ === 1 ? 'not-a-uuid' : randomUUID())),
      );
      expect(partial.status).toBe(200);
      expect(partial.body.accepted).toBe(2);
      accepted += 2;
      // A key the collector does not know: refused.
      expect((await post(http, batch('install-x', 1, 1), 'no-such-key')).status).toBe(403);
      // A WebSocket stream opened and closed: the open-streams gauge gets its ws series.
      const ws = new WebSocket(`ws://127.0.0.1:${http}/v1/ws?key=${KEY}`);
      await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)));
      ws.close();
      await new Promise<void>((res) => ws.once('close', () => res()));

      // The store holds every accepted event (through the processor, and the loader with Kafka).
      expect(await waitForTotal(query, accepted, 180_000)).toBe(accepted);
      // KPI queries (latency per KPI) and one that fails (errors by code).
      for (const kpi of ['events_by_type', 'online_now'])
        expect((await fetch(`http://127.0.0.1:${query}/v1/kpis/${kpi}?granularity=all&from=0&to=${Date.now() + 60_000}`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${query}/v1/kpis/no_such_kpi`)).status).toBe(404);
      // The rule fires and the webhook hears it.
      await until(() => notified.some((b) => b.includes('GrafanaItEventsSeen')), 'the webhook to receive GrafanaItEventsSeen', {
        timeoutMs: 120_000,
        everyMs: 200,
      });
      const h = hosts(pipeline);
      await until(
        async () => (await metricSum(h.alerts!, 'gamepulse_alerts_notifications_total', 'result="ok"')) > 0,
        'a counted delivery',
        {
          timeoutMs: 60_000,
          everyMs: 200,
        },
      );
      scrapes = Object.fromEntries(await Promise.all(Object.entries(h).map(async ([about, url]) => [about, await scrape(url)] as const)));
      expect(scrapes.collector!.get('gamepulse_collector_events_rejected_total')?.samples.size).toBeGreaterThan(0);
    });

    it('finds every metric and label of every panel in a live scrape of the service the panel is about', () => {
      expect(scrapes, 'the traffic test ran').toBeDefined();
      const problems: string[] = [];
      const notHere = new Set<string>();
      let checked = 0;
      for (const d of DASHBOARDS)
        for (const p of panelsOf(d)) {
          const families = scrapes[p.about];
          if (!families) {
            notHere.add(p.about);
            continue;
          }
          for (const t of p.targets) {
            problems.push(...checkExpression(`${d.title} / ${p.title} (${p.about})`, parsePromql(t.expr), families));
            checked++;
          }
        }
      expect(checked).toBeGreaterThanOrEqual(kind === 'kafka' ? 55 : 45);
      // Only the loader's panels wait for the Kafka shape.
      expect([...notHere]).toEqual(kind === 'kafka' ? [] : ['loader']);
      expect(problems).toEqual([]);
    });

    it('the check fails on the live scrape for a misspelt metric, or a metric of another service', () => {
      const c = scrapes.collector!;
      expect(checkExpression('x', parsePromql('sum(rate(gamepulse_collector_request_total[1m]))'), c)).toEqual([
        'x: gamepulse_collector_request_total is not in the scrape',
      ]);
      expect(checkExpression('x', parsePromql('gamepulse_processor_lag_records'), c)).toEqual([
        'x: gamepulse_processor_lag_records is not in the scrape',
      ]);
    });

    it('finds every gamepulse_* metric of the prometheus/ alerting rules in a live scrape', () => {
      const rules = readFileSync(join(ROOT, RULES_FILE), 'utf8');
      const names = [...new Set([...rules.matchAll(/\bgamepulse_[a-zA-Z0-9_]+\b/g)].map((m) => m[0]))];
      expect(names).toEqual(
        expect.arrayContaining(['gamepulse_collector_requests_total', 'gamepulse_processor_lag_records', 'gamepulse_loader_lag_records']),
      );
      const all = Object.values(scrapes);
      const missing = names.filter((n) => !all.some((f) => ['samples', 'declared'].includes(lookUpSeries(f, n).found)));
      // The loader's own metrics exist only where a loader runs (the Kafka shape).
      const expected = kind === 'kafka' ? [] : names.filter((n) => n.startsWith('gamepulse_loader_'));
      expect(missing.sort()).toEqual(expected.sort());
    });
  });
}
