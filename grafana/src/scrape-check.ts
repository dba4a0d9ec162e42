/**
 * Checks PromQL against what a service really exports: a Prometheus text exposition (a
 * `/metrics` scrape) read into families and the label names on their samples, and an
 * expression's selectors and groupings looked up in it. The dashboards' live test
 * (test/integration/grafana-metrics.test.ts) feeds it scrapes of the running services.
 */
import type { ParsedPromql } from './promql.ts';

export interface Family {
  /** `counter`, `gauge`, `histogram`, `summary`, `untyped`. */
  type: string;
  /** Label names seen on the family's samples, per sample name (`x_bucket`, `x_sum`, …). */
  samples: Map<string, Set<string>>;
}

/** Labels Prometheus adds to every scraped series (the target's): never in an exposition. */
export const TARGET_LABELS: ReadonlySet<string> = new Set(['job', 'instance']);

/**
 * A text exposition (https://prometheus.io/docs/instrumenting/exposition_formats/) as
 * families by their `# TYPE` line, with the label names of their samples. Throws on a
 * line it cannot read or a sample of no declared family.
 */
export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const familyOf = (sample: string): Family | undefined =>
    families.get(sample) ?? families.get(sample.replace(/_(bucket|sum|count|total|created)$/, ''));
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      families.set(type[1]!, { type: type[2]!, samples: new Map() });
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{(.*)\})?\s+\S+/.exec(line);
    if (!m) throw new Error(`unreadable exposition line: ${line}`);
    const family = familyOf(m[1]!);
    if (!family) throw new Error(`sample without # TYPE: ${line}`);
    const labels = family.samples.get(m[1]!) ?? new Set<string>();
    for (const l of (m[3] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)="(?:[^"\\]|\\.)*"/g)) labels.add(l[1]!);
    family.samples.set(m[1]!, labels);
  }
  return families;
}

export type SeriesLookup =
  { found: 'samples'; labels: Set<string> } | { found: 'declared' } | { found: 'histogram-base' } | { found: 'no' };

/**
 * A series name used in PromQL, in a scrape: the family of that name or the histogram
 * whose `_bucket`/`_sum`/`_count` it is, with the label names on its samples; `declared`
 * when the family is exported without a sample yet (a labelled counter before its first
 * increment); `histogram-base` for a histogram's own name (no series Prometheus stores).
 */
export function lookUpSeries(families: Map<string, Family>, series: string): SeriesLookup {
  const exact = families.get(series);
  if (exact?.type === 'histogram') return { found: 'histogram-base' };
  const base = /^(.*)_(bucket|sum|count)$/.exec(series);
  const parent = base ? families.get(base[1]!) : undefined;
  const family = exact ?? (parent?.type === 'histogram' ? parent : undefined);
  if (!family) return { found: 'no' };
  const labels = family.samples.get(series);
  return labels ? { found: 'samples', labels } : { found: 'declared' };
}

export interface CheckExpressionOptions {
  /** Series that may be exported without a sample (they appear on a failure only). @default none */
  declaredOnly?: ReadonlySet<string>;
}

/**
 * Problems of one parsed expression against a scrape: a series not exported, a histogram
 * named by its base name, a series without a sample (unless allowed), a matcher on a label
 * the series lacks, a grouping on a label no series of the expression has (`job` and
 * `instance` come from the target; `le` from the buckets; not judged when a series of
 * the expression has no sample to show its labels).
 */
export function checkExpression(
  where: string,
  expr: ParsedPromql,
  families: Map<string, Family>,
  o: CheckExpressionOptions = {},
): string[] {
  const problems: string[] = [];
  const labelsInExpr = new Set(TARGET_LABELS);
  // A series exported without a sample shows no label names: groupings cannot be judged.
  let labelsUnknown = false;
  for (const s of expr.selectors) {
    const r = lookUpSeries(families, s.metric!);
    if (r.found === 'no') problems.push(`${where}: ${s.metric} is not in the scrape`);
    else if (r.found === 'histogram-base') problems.push(`${where}: ${s.metric} is a histogram: name its _bucket, _sum or _count`);
    else if (r.found === 'declared') {
      labelsUnknown = true;
      if (!o.declaredOnly?.has(s.metric!)) problems.push(`${where}: ${s.metric} is exported but has no sample`);
    } else {
      for (const l of r.labels) labelsInExpr.add(l);
      for (const m of s.matchers)
        if (!TARGET_LABELS.has(m.label) && !r.labels.has(m.label)) problems.push(`${where}: ${s.metric} has no label ${m.label}`);
    }
  }
  if (labelsUnknown) return problems;
  for (const g of expr.groupings)
    for (const l of g.labels) if (!labelsInExpr.has(l)) problems.push(`${where}: ${g.kind} (${l}): no series of the expression has ${l}`);
  return problems;
}
