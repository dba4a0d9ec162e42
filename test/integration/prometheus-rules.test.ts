/**
 * The Prometheus alerting rules under prometheus/: promtool (built from the Go module
 * proxy, cached) checks the rule file and the scrape config and runs the rule unit tests;
 * and every `gamepulse_*` metric the rules and their tests name is one the services
 * register — collected from a registry filled by the metric modules themselves, so a
 * misspelt or renamed metric fails here instead of never firing in production.
 *
 * The unit tests are themselves tested: with any alert deleted from a copy of the rule
 * file, or with a threshold or condition moved just past the series that is meant to stay
 * quiet, `promtool test rules` must fail.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiMetrics } from '@gamepulse/api';
import { createCollectorMetrics } from '@gamepulse/collector';
import { positionGapCounter } from '@gamepulse/log';
import { deletionsMetrics, loaderMetrics } from '@gamepulse/loader';
import { createProcessorMetrics } from '@gamepulse/processor';
import { Registry } from '@gamepulse/service';
import { storeMetrics } from '@gamepulse/store';
import { runPromtool } from '../../scripts/engines/promtool.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RULES = 'prometheus/rules/gamepulse-services.rules.yml';
const TESTS = readdirSync(join(ROOT, 'prometheus/tests'))
  .filter((f) => f.endsWith('.test.yml'))
  .sort()
  .map((f) => `prometheus/tests/${f}`);

/** Every series name the services expose under `gamepulse_`: histograms as _bucket/_sum/_count. */
async function registeredSeriesNames(): Promise<Set<string>> {
  const registry = new Registry();
  createCollectorMetrics(registry, { inFlightBatches: () => 0, inFlightBytes: () => 0, appendLatencyMs: () => 0 });
  createProcessorMetrics(registry);
  loaderMetrics(registry);
  deletionsMetrics(registry);
  storeMetrics(registry);
  apiMetrics(registry);
  positionGapCounter(registry);
  const names = new Set<string>();
  for (const m of await registry.getMetricsAsJSON()) {
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    else names.add(m.name);
  }
  return names;
}

/** `gamepulse_*` metric names in a text (rule expressions, test series), without duplicates. */
function gamepulseNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\bgamepulse_[a-zA-Z0-9_]+\b/g)].map((m) => m[0]))].sort();
}

/** The rule file's expressions (`expr: …` on one line or a block below `expr: |`), as text. */
function expressions(rules: string): string {
  const out: string[] = [];
  const lines = rules.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)expr:(.*)$/.exec(lines[i]!);
    if (!m) continue;
    if (!/^\s*[|>][-+]?\s*$/.test(m[2]!)) {
      out.push(m[2]!);
      continue;
    }
    const indent = m[1]!.length;
    for (i++; i < lines.length && (lines[i]!.trim() === '' || lines[i]!.search(/\S/) > indent); i++) out.push(lines[i]!);
    i--;
  }
  return out.join('\n');
}

function unknownNames(text: string, known: Set<string>): string[] {
  return gamepulseNames(text).filter((n) => !known.has(n));
}

beforeAll(async () => {
  await runPromtool(['--version']); // builds promtool once (minutes the first time), outside the tests' timeouts
});

describe('prometheus/ rules and config', () => {
  it('promtool check rules accepts the rule file', async () => {
    const r = await runPromtool(['check', 'rules', RULES], { cwd: ROOT });
    expect(r.stderr + r.stdout).toContain('SUCCESS: 18 rules found');
    expect(r.code).toBe(0);
  });

  it('promtool check config accepts prometheus.yml and the rule files it loads', async () => {
    const r = await runPromtool(['check', 'config', 'prometheus/prometheus.yml'], { cwd: ROOT });
    expect(r.stderr + r.stdout).toContain('SUCCESS: prometheus/prometheus.yml is valid prometheus config file syntax');
    expect(r.stderr + r.stdout).toContain('SUCCESS: 18 rules found');
    expect(r.code).toBe(0);
  });

  it('promtool test rules passes every unit test', async () => {
    expect(TESTS.length).toBeGreaterThanOrEqual(4);
    const r = await runPromtool(['test', 'rules', ...TESTS], { cwd: ROOT });
    const out = r.stderr + r.stdout;
    for (const t of TESTS) expect(out).toContain(`Processing test file: ${t}\n  SUCCESS`);
    expect(out).not.toContain('FAILED');
    expect(r.code).toBe(0);
  });

  it('every alert in the rule file has a unit test that expects it to fire', () => {
    const rules = readFileSync(join(ROOT, RULES), 'utf8');
    const alerts = [...rules.matchAll(/^\s*- alert: (\w+)$/gm)].map((m) => m[1]!);
    expect(alerts).toHaveLength(18);
    const tests = TESTS.map((t) => readFileSync(join(ROOT, t), 'utf8')).join('\n');
    // An alertname followed by a non-empty exp_alerts list: a test that asserts a firing.
    const fired = new Set([...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels:/g)].map((m) => m[1]!));
    expect(alerts.filter((a) => !fired.has(a))).toEqual([]);
  });

  it('every runbook_url points at a section of prometheus/README.md', () => {
    const rules = readFileSync(join(ROOT, RULES), 'utf8');
    const readme = readFileSync(join(ROOT, 'prometheus/README.md'), 'utf8');
    // GitHub's anchor for a heading: lower case, spaces to dashes, punctuation dropped.
    const anchors = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const urls = [...rules.matchAll(/runbook_url: (\S+)/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(18);
    for (const url of urls) {
      const [file, anchor] = url.split('#');
      expect(file).toBe('prometheus/README.md');
      expect(anchors, url).toContain(anchor);
    }
  });
});

/** The rule file's text for one alert: from its `- alert:` line to the next rule or the end. */
function alertBlock(rules: string, alert: string): string {
  const start = rules.indexOf(`      - alert: ${alert}\n`);
  if (start < 0) throw new Error(`no alert ${alert} in ${RULES}`);
  const next = rules.indexOf('\n      - alert: ', start + 1);
  return rules.slice(start, next < 0 ? rules.length : next + 1);
}

/** Runs `promtool test rules` on the unit tests against `rules` (a copy of prometheus/ in a temp dir). */
async function testRulesWith(rules: string): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-prom-'));
  try {
    cpSync(join(ROOT, 'prometheus'), dir, { recursive: true });
    writeFileSync(join(dir, 'rules/gamepulse-services.rules.yml'), rules);
    const r = await runPromtool(['test', 'rules', ...TESTS.map((t) => t.replace('prometheus/', ''))], { cwd: dir });
    return { code: r.code, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each change moves one rule just past its quiet series (the threshold between the
 * just-under value and the real one, a `for:` shorter than the short outage, a floor or an
 * exclusion dropped): the tests must notice.
 */
const MUTATIONS: Array<{ alert: string; from: string; to: string; why: string }> = [
  { alert: 'GamepulseCollectorAckLatencyHigh', from: ') > 0.25', to: ') > 0.24', why: 'collector-b p99 0.248 s' },
  { alert: 'GamepulseCollectorAckLatencyCritical', from: ') > 1\n', to: ') > 0.9\n', why: 'collector-b p99 0.917 s' },
  { alert: 'GamepulseCollectorRefusedShareHigh', from: ') > 0.05', to: ') > 0.045', why: 'collector-b 4.9 %' },
  { alert: 'GamepulseCollectorRefusedShareHigh', from: '[10m])) > 0.2', to: '[10m])) > 0', why: 'collector-c under the traffic floor' },
  { alert: 'GamepulseCollectorFailedShareHigh', from: ') > 0.01', to: ') > 0.008', why: 'collector-b 0.9 %' },
  { alert: 'GamepulseCollectorFailedShareHigh', from: ', code!="GP_SHUTTING_DOWN"', to: '', why: 'collector-b draining' },
  { alert: 'GamepulseCollectorRejectedEventsShareHigh', from: ') > 0.01', to: ') > 0.008', why: 'collector-b 0.9 %' },
  { alert: 'GamepulseCollectorRejectedEventsShareHigh', from: ') > 1\n', to: ') > 0\n', why: 'collector-c under the traffic floor' },
  { alert: 'GamepulseSdkDroppedShareHigh', from: ') > 0.05', to: ') > 0.045', why: 'k2 4.76 %' },
  { alert: 'GamepulseSdkDroppedShareHigh', from: '[15m])) > 1\n', to: '[15m])) > 0\n', why: 'k3 under the traffic floor' },
  { alert: 'GamepulseProcessorPoisonRecords', from: ') > 0', to: ') >= 0', why: 'processor-1 has no new poison record' },
  { alert: 'GamepulseProcessorLagGrowing', from: '> 10000', to: '> 9900', why: 'processor-1 at 9,960' },
  { alert: 'GamepulseProcessorLagGrowing', from: '[10m])) > 0', to: '[10m])) > -1e12', why: 'processor-2 high but catching up' },
  { alert: 'GamepulseProcessorCommitsFailing', from: '>= 3', to: '>= 2', why: 'processor-1 failed twice' },
  { alert: 'GamepulseProcessorRecoveriesFailing', from: '>= 3', to: '>= 2', why: 'processor-1 failed twice' },
  { alert: 'GamepulseLoaderLagGrowing', from: '> 200000', to: '> 190000', why: 'loader-b at 198,000' },
  { alert: 'GamepulseLoaderLagGrowing', from: '[10m])) > 0', to: '[10m])) > -1e12', why: 'loader-c high but catching up' },
  { alert: 'GamepulseLoaderCommitsFailing', from: '>= 3', to: '>= 2', why: 'loader-b failed twice' },
  { alert: 'GamepulseLoaderDeadLetters', from: ') > 0', to: ') >= 0', why: 'loader-b has none' },
  { alert: 'GamepulseDeletionsCommitsFailing', from: '>= 3', to: '>= 2', why: 'loader-b failed twice' },
  { alert: 'GamepulseConsumerPositionLost', from: '{outcome="stopped"}', to: '', why: 'processor-1 accepted its gap' },
  { alert: 'GamepulseServiceDown', from: 'for: 2m', to: 'for: 1m', why: 'the processor was down 2 evaluations' },
  { alert: 'GamepulseServiceNotReady', from: 'for: 3m', to: 'for: 2m', why: 'the collector was not ready 3 evaluations' },
  { alert: 'GamepulseServiceRestarting', from: '>= 3', to: '>= 2', why: 'the second processor restarted twice' },
];

describe('the promtool unit tests catch a broken rule', () => {
  const rules = readFileSync(join(ROOT, RULES), 'utf8');
  const alerts = [...rules.matchAll(/^\s*- alert: (\w+)$/gm)].map((m) => m[1]!);

  it.each(alerts)('deleting %s fails the tests', async (alert) => {
    const r = await testRulesWith(rules.replace(alertBlock(rules, alert), ''));
    expect(r.out).toContain(`alertname: ${alert}`);
    expect(r.code).toBe(1);
  });

  it.each(MUTATIONS)('$alert with $from → $to fails the tests ($why)', async ({ alert, from, to }) => {
    const block = alertBlock(rules, alert);
    expect(block).toContain(from);
    const r = await testRulesWith(rules.replace(block, block.replaceAll(from, to)));
    expect(r.out).toContain(`alertname: ${alert}`);
    expect(r.code).toBe(1);
  });
});

describe('metric names in prometheus/ are the ones the services register', () => {
  it('every gamepulse_* name in the rule expressions and the test series is registered', async () => {
    const known = await registeredSeriesNames();
    const rules = readFileSync(join(ROOT, RULES), 'utf8');
    const used = gamepulseNames(expressions(rules));
    // The rules do read the services' metrics (not only up / probe_success).
    expect(used).toEqual(
      expect.arrayContaining([
        'gamepulse_collector_ack_latency_seconds_bucket',
        'gamepulse_collector_requests_total',
        'gamepulse_processor_lag_records',
        'gamepulse_loader_commits_total',
        'gamepulse_log_position_gaps_total',
      ]),
    );
    expect(unknownNames(expressions(rules), known)).toEqual([]);
    for (const t of TESTS) expect(unknownNames(readFileSync(join(ROOT, t), 'utf8'), known), t).toEqual([]);
  });

  it('a misspelt metric name in a rule is caught', async () => {
    const known = await registeredSeriesNames();
    const rules = readFileSync(join(ROOT, RULES), 'utf8');
    const misspelt = rules.replace('gamepulse_processor_lag_records', 'gamepulse_processor_lag_record');
    expect(misspelt).not.toBe(rules);
    expect(unknownNames(expressions(misspelt), known)).toEqual(['gamepulse_processor_lag_record']);
    // … also in a one-line expression.
    const inline = rules.replace(/expr: \|\n\s+up\{job=~"gamepulse-\.\*"\} == 0\n/, 'expr: gamepulse_up == 0\n');
    expect(inline).not.toBe(rules);
    expect(unknownNames(expressions(inline), known)).toEqual(['gamepulse_up']);
    // A histogram's base name is not a series Prometheus stores.
    const bare = rules.replace('gamepulse_collector_ack_latency_seconds_bucket', 'gamepulse_collector_ack_latency_seconds');
    expect(unknownNames(expressions(bare), known)).toEqual(['gamepulse_collector_ack_latency_seconds']);
  });
});
