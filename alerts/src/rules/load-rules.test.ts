import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRulesFile, parseRules } from './load-rules.ts';
import { formatDuration, parseDurationMs } from './duration.ts';

const DEFAULT_RULES = new URL('../../../config/alert-rules.yml', import.meta.url);

describe('rule files', () => {
  it('the shipped rules load, each with a summary, a runbook and a console link', () => {
    const file = loadRulesFile(DEFAULT_RULES.pathname);
    expect(file.rules.map((r) => r.name)).toEqual([
      'OnlinePlayersDrop',
      'EventsPerMinuteDrop',
      'SessionStartsDrop',
      'RevenueCollapse',
      'PurchaseBurst',
      'RefundBurst',
      'PlayerPurchaseVelocity',
      'PlayerSpendOutlier',
      'CurrencyEarnedSpike',
      'CurrencySourceSinkImbalance',
      'BuildErrorsPerSessionHigh',
      'SdkDeliveryFailuresRising',
    ]);
    for (const r of file.rules) {
      expect(r.annotations.runbook_url, r.name).toMatch(new RegExp(`alerts/README.md#${r.name.toLowerCase()}$`));
      expect(r.consolePath, r.name).not.toBe('/');
    }
    // Every runbook anchor is a section of the README.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const r of file.rules) expect(readme, r.name).toMatch(new RegExp(`^#+ ${r.name}$`, 'm'));
  });

  it('reports every problem at once, each with its place', () => {
    const text = `
version: 1
groups:
  - name: g
    interval: 5x
    rules:
      - alert: A
        kpi: no_such_kpi
        value: events
        condition: { threshold: { above: 1 } }
        severity: page
        annotations: { summary: s }
      - alert: A
        kpi: events_by_type
        value: evnts
        series: [game]
        condition: { threshold: { minVolume: 3 } }
        severity: urgent
        annotations: { description: d }
        labels: { alertname: x }
`;
    const r = parseRules(text, 'bad.yml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // The schema pass: bad duration, bad severity, missing summary — all three reported.
    expect(r.problems.join('\n')).toMatch(/interval: must match pattern/);
    expect(r.problems.join('\n')).toMatch(/severity: must be equal to one of the allowed values \(page, ticket, info\)/);
    expect(r.problems.join('\n')).toMatch(/annotations: must have required property 'summary'/);
    expect(r.problems.every((p) => p.startsWith('bad.yml: '))).toBe(true);
  });

  it('checks rules against the KPI catalogue once the schema passes', () => {
    const text = `
version: 1
groups:
  - name: g
    rules:
      - alert: A
        kpi: no_such_kpi
        value: events
        condition: { threshold: { above: 1 } }
        severity: page
        annotations: { summary: s }
      - alert: A
        kpi: events_by_type
        value: evnts
        series: [game]
        window: 30s
        condition: { threshold: { minVolume: 3 } }
        severity: page
        annotations: { summary: s }
        labels: { alertname: x }
`;
    const r = parseRules(text, 'bad.yml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.problems.join('\n');
    expect(all).toMatch(/rules\[0\] \(A\): no KPI named "no_such_kpi"/);
    expect(all).toMatch(/rules\[1\] \(A\): alert name "A" is already used by groups\[0\]\.rules\[0\]/);
    expect(all).toMatch(/value column "evnts" is not a column of events_by_type \(its columns: event_type, events\)/);
    expect(all).toMatch(/series column "game" is not a column/);
    expect(all).toMatch(/condition.threshold needs `above` or `below`/);
    expect(all).toMatch(/label "alertname" is set by the engine/);
    expect(all).toMatch(/window 30s is shorter than the rollups' one-minute windows/);
  });

  it('an unreadable file is a clear error', () => {
    expect(() => loadRulesFile('/nonexistent/rules.yml')).toThrow(/GP_ALERTS_RULES_UNREADABLE|cannot read rule file/);
  });

  it('Prometheus durations', () => {
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('5')).toBeUndefined();
    expect(parseDurationMs('m5')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
  });
});
