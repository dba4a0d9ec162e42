/**
 * The dashboards under grafana/dashboards/: the committed JSON is exactly what the specs
 * generate, passes the structural check, and every PromQL expression parses, filters by
 * the job and instance variables, applies rate() only to counters, keeps `le` under
 * histogram_quantile, and names only metrics the services' metric modules register. The
 * live check — each name in a scrape of the running service — is
 * test/integration/grafana-metrics.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { AlertEngine } from '@gamepulse/alerts';
import { apiMetrics, liveChangesMetrics } from '@gamepulse/api';
import { createCollectorMetrics } from '@gamepulse/collector';
import { deletionsMetrics, loaderMetrics } from '@gamepulse/loader';
import { createProcessorMetrics } from '@gamepulse/processor';
import { createRegistry } from '@gamepulse/service';
import { storeMetrics, type Store } from '@gamepulse/store';
import { DASHBOARDS, panelsOf, renderDashboards, renderPanelTables, withPanelTables } from '../builders/index.ts';
import { parseLabelValuesQuery, parsePromql } from './promql.ts';
import { validateDashboard, type DashboardJson } from './validate-dashboard.ts';

const DIR = join(import.meta.dirname, '..', 'dashboards');
const committed = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as DashboardJson;
const copy = <T>(x: T): T => structuredClone(x);

/** Every (dashboard, panel title, expression) of the specs. */
const EXPRESSIONS = DASHBOARDS.flatMap((d) =>
  panelsOf(d).flatMap((p) => p.targets.map((t) => ({ dashboard: d.title, panel: p.title, expr: t.expr }))),
);

/** Every series name the services register: their metric modules on one registry (histograms as _bucket/_sum/_count). */
async function registeredSeriesNames(): Promise<Set<string>> {
  const registry = createRegistry('unit');
  createCollectorMetrics(registry, { inFlightBatches: () => 0, inFlightBytes: () => 0, appendLatencyMs: () => 0 });
  createProcessorMetrics(registry);
  loaderMetrics(registry);
  deletionsMetrics(registry);
  storeMetrics(registry);
  apiMetrics(registry);
  liveChangesMetrics(registry);
  // The alert engine registers its metrics when it is made; no rule, no store query.
  new AlertEngine({ store: {} as Store, rules: { version: 1, rules: [] }, registry });
  const names = new Set<string>();
  for (const m of await registry.getMetricsAsJSON()) {
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    else names.add(m.name);
  }
  return names;
}

describe('grafana/dashboards', () => {
  it('holds exactly what the specs generate (npm run -w @gamepulse/grafana build)', () => {
    const files = renderDashboards();
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([...files.keys()].sort());
    for (const [file, text] of files)
      expect(readFileSync(join(DIR, file), 'utf8'), `${file}: run npm run -w @gamepulse/grafana build`).toBe(text);
  });

  it("README.md's panel tables are the specs' (npm run -w @gamepulse/grafana build)", () => {
    const readme = readFileSync(join(DIR, '..', 'README.md'), 'utf8');
    expect(readme).toBe(withPanelTables(readme, renderPanelTables()));
    for (const d of DASHBOARDS) for (const p of panelsOf(d)) expect(readme).toContain(`| ${p.row} | ${p.title} |`);
  });

  it('the job variable matches every job of prometheus/prometheus.yml that scrapes a gamepulse process', () => {
    const config = readFileSync(join(DIR, '..', '..', 'prometheus', 'prometheus.yml'), 'utf8');
    // Uncommented job names; the blackbox exporter's /readyz job exports probe_*, not process metrics.
    const jobs = [...config.matchAll(/^\s*- job_name: (\S+)$/gm)].map((m) => m[1]!).filter((j) => j !== 'gamepulse-readyz');
    expect(jobs).toEqual(expect.arrayContaining(['gamepulse-collector', 'gamepulse-query', 'gamepulse-processor']));
    const job = committed('ingestion.json').templating!.list!.find((v) => v.name === 'job')!;
    const regex = parseLabelValuesQuery(String(job.query)).selector.selectors[0]!.matchers.find((m) => m.label === 'job')!.value;
    for (const j of jobs) expect(j).toMatch(new RegExp(`^(?:${regex})$`));
  });

  it('has the three dashboards, each with panels in every row', () => {
    expect(DASHBOARDS.map((d) => d.title)).toEqual(['gamepulse / Ingestion', 'gamepulse / Processing', 'gamepulse / Query & alerts']);
    for (const d of DASHBOARDS) for (const r of d.rows) expect(r.panels.length, `${d.title} / ${r.title}`).toBeGreaterThan(0);
    expect(new Set(DASHBOARDS.map((d) => d.uid)).size).toBe(DASHBOARDS.length);
  });

  it.each(DASHBOARDS.map((d) => d.file))('%s passes the structural check', (file) => {
    const d = committed(file);
    expect(validateDashboard(d)).toEqual([]);
    expect(d.templating?.list?.map((v) => [v.name, v.type])).toEqual([
      ['datasource', 'datasource'],
      ['job', 'query'],
      ['instance', 'query'],
    ]);
  });

  it('sets a unit Grafana knows on every panel (also a type: Unit)', () => {
    const known = new Set(Object.values(units as Record<string, unknown>).filter((v): v is string => typeof v === 'string'));
    const used = DASHBOARDS.flatMap((d) => panelsOf(d).map((p) => p.unit));
    expect(used.filter((u) => !known.has(u))).toEqual([]);
    // Durations, rates and shares are the ones operators read most.
    expect(used).toEqual(expect.arrayContaining(['s', 'ops', 'percentunit']));
  });

  it('filters every gamepulse series by the $job and $instance variables', () => {
    const unfiltered = EXPRESSIONS.flatMap(({ panel, expr }) =>
      parsePromql(expr)
        .selectors.filter((s) => !(['job', 'instance'] as const).every((l) => s.matchers.some((m) => m.label === l && m.value === `$${l}`)))
        .map((s) => `${panel}: ${s.metric}`),
    );
    expect(unfiltered).toEqual([]);
  });

  it('applies rate/increase only to counters and histogram series, over a range', () => {
    const problems: string[] = [];
    for (const { panel, expr } of EXPRESSIONS)
      for (const s of parsePromql(expr).selectors) {
        if (!['rate', 'irate', 'increase'].includes(s.inFunction ?? '')) continue;
        if (!/_(total|bucket|sum|count)$/.test(s.metric ?? '')) problems.push(`${panel}: ${s.inFunction}(${s.metric}) is not a counter`);
        if (!s.range) problems.push(`${panel}: ${s.inFunction}(${s.metric}) without a range`);
      }
    expect(problems).toEqual([]);
  });

  it('keeps `le` in the aggregation under every histogram_quantile', () => {
    const quantiles = EXPRESSIONS.filter((e) => e.expr.includes('histogram_quantile'));
    expect(quantiles.length).toBeGreaterThanOrEqual(8);
    for (const { panel, expr } of quantiles) {
      const p = parsePromql(expr);
      expect(
        p.groupings.filter((g) => g.aggregation === 'sum').every((g) => g.kind === 'by' && g.labels.includes('le')),
        panel,
      ).toBe(true);
      expect(
        p.selectors.every((s) => s.metric?.endsWith('_bucket')),
        panel,
      ).toBe(true);
    }
  });

  it('names only metrics the services register (and process_start_time_seconds / nodejs_* from prom-client)', async () => {
    const known = await registeredSeriesNames();
    const variableQueries = DASHBOARDS.flatMap((d) => committed(d.file).templating?.list ?? [])
      .filter((v) => v.type === 'query')
      .map((v) => parseLabelValuesQuery(String(v.query)).selector);
    const names = [...EXPRESSIONS.map((e) => parsePromql(e.expr)), ...variableQueries].flatMap((p) => p.selectors.map((s) => s.metric!));
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    // Every metric of the collector's, processor's and loader's modules that a panel is about is on a dashboard.
    for (const n of [
      'gamepulse_collector_requests_total',
      'gamepulse_processor_lag_records',
      'gamepulse_loader_rows_total',
      'gamepulse_alerts',
    ])
      expect(names).toContain(n);
  });

  it('says of each panel which service it is about, matching its metrics', () => {
    const prefix = {
      collector: 'gamepulse_collector_',
      processor: 'gamepulse_processor_',
      loader: 'gamepulse_loader_',
      store: 'gamepulse_store_',
      query: 'gamepulse_query_',
      alerts: 'gamepulse_alerts',
    };
    for (const d of DASHBOARDS)
      for (const p of panelsOf(d))
        for (const t of p.targets)
          for (const s of parsePromql(t.expr).selectors)
            if (s.metric!.startsWith('gamepulse_'))
              expect(s.metric!.startsWith(prefix[p.about]), `${p.title}: ${s.metric} is not ${p.about}'s`).toBe(true);
  });
});

describe('grafana/src/validate-dashboard', () => {
  const base = committed('ingestion.json');
  type Panel = NonNullable<DashboardJson['panels']>[number];
  const firstGraph = (d: DashboardJson): Panel => d.panels!.find((p) => p.type === 'timeseries')!;

  it.each<[string, (d: DashboardJson) => void, string]>([
    ['a duplicate panel id', (d) => (d.panels![2]!.id = d.panels![1]!.id), 'duplicate id'],
    ['a panel past column 24', (d) => (firstGraph(d).gridPos!.x = 16), 'outside the 24-column grid'],
    ['two panels on one cell', (d) => (d.panels![2]!.gridPos = { ...d.panels![1]!.gridPos! }), 'overlaps'],
    ['a target without expr', (d) => delete firstGraph(d).targets![0]!.expr, 'no expr'],
    ['a target without datasource', (d) => delete firstGraph(d).targets![0]!.datasource, 'datasource type is undefined'],
    ['a panel on a fixed datasource', (d) => (firstGraph(d).datasource = { type: 'prometheus', uid: 'prod' }), 'not a datasource variable'],
    [
      'an undefined variable',
      (d) => (firstGraph(d).targets![0]!.expr = 'sum(rate(x_total{job=~"$cluster"}[5m]))'),
      'variable $cluster is not defined',
    ],
    ['PromQL that does not parse', (d) => (firstGraph(d).targets![0]!.expr = 'sum(rate(x_total[5m])'), 'expected ")"'],
    ['a panel without unit', (d) => delete firstGraph(d).fieldConfig!.defaults!.unit, 'no unit'],
    ['a bad variable query', (d) => (d.templating!.list![1]!.query = 'label_values(up{job=~"a"}'), 'expected label_values'],
    ['a row narrower than the grid', (d) => (d.panels![0]!.gridPos!.w = 12), 'a row spans the full width'],
  ])('reports %s', (_what, mutate, problem) => {
    const d = copy(base);
    mutate(d);
    const problems = validateDashboard(d);
    expect(problems.join('\n')).toContain(problem);
  });
});
