/**
 * Reads a rule file (YAML or JSON), checks it against its JSON Schema
 * (rule-file.schema.json) and then against the KPI catalogue — the KPI exists, the
 * parameters resolve, every named column is one the KPI returns, alert names are
 * unique — and reports every problem at once, each with its path in the file.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { DUCKDB_DIALECT, getKpi, resolveKpiParams, type KpiParams } from '@gamepulse/kpi';
import { isGamepulseError } from '@gamepulse/service';
import { AlertsError } from '../errors.ts';
import { parseDurationMs } from './duration.ts';
import { RULE_FILE_VERSION, type AlertRule, type Condition, type RuleFile, type RuleQuery, type Severity } from './rule.ts';

/** Defaults of the optional rule fields (alerts/README.md "Rule file"). */
export const RULE_DEFAULTS = {
  intervalMs: 60_000,
  windowMs: 600_000,
  settleMs: 120_000,
  forMs: 0,
  keepFiringForMs: 0,
  consolePath: '/',
  seasonal: { seasonalDays: [1, 2, 3, 7], trailingWindows: 6, minPoints: 2, minBaseline: 0 },
  minVolume: 0,
} as const;

const schema = JSON.parse(readFileSync(new URL('./rule-file.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

export type LoadRulesResult = { ok: true; file: RuleFile } | { ok: false; problems: string[] };

/** Parses and checks rule-file text; `source` names it in problems. */
export function parseRules(text: string, source = 'rules'): LoadRulesResult {
  let doc: unknown;
  try {
    doc = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    return { ok: false, problems: [`${source}: does not parse: ${(err as Error).message}`] };
  }
  if (!validate(doc)) return { ok: false, problems: (validate.errors ?? []).map((e) => `${source}: ${schemaProblem(e)}`) };
  const problems: string[] = [];
  const rules: AlertRule[] = [];
  const seen = new Map<string, string>();
  const file = doc as RawFile;
  file.groups.forEach((g, gi) => {
    const intervalMs = g.interval ? parseDurationMs(g.interval)! : RULE_DEFAULTS.intervalMs;
    g.rules.forEach((r, ri) => {
      const at = `${source}: groups[${gi}].rules[${ri}] (${r.alert})`;
      const before = seen.get(r.alert);
      if (before) problems.push(`${at}: alert name "${r.alert}" is already used by ${before}`);
      else seen.set(r.alert, `groups[${gi}].rules[${ri}]`);
      const rule = toRule(r, g.name, intervalMs, (p) => problems.push(`${at}: ${p}`));
      if (rule) rules.push(rule);
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, file: { version: RULE_FILE_VERSION, rules } };
}

/** Reads and checks a rule file; throws GP_ALERTS_RULES_UNREADABLE / GP_ALERTS_RULES_INVALID listing every problem. */
export function loadRulesFile(path: string): RuleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AlertsError('GP_ALERTS_RULES_UNREADABLE', `cannot read rule file ${path}: ${(err as Error).message}`, { cause: err });
  }
  const result = parseRules(text, path);
  if (!result.ok) {
    throw new AlertsError(
      'GP_ALERTS_RULES_INVALID',
      `${result.problems.length} problem(s) in ${path}:\n  ${result.problems.join('\n  ')}`,
      {
        context: { path, problems: result.problems },
      },
    );
  }
  return result.file;
}

interface RawRule {
  alert: string;
  kpi: string;
  params?: Omit<KpiParams, 'fromMs' | 'toMs' | 'asOfMs'>;
  window?: string;
  settle?: string;
  series?: string[];
  value: string | { ratio: [string, string] };
  where?: Record<string, string>;
  condition: { threshold?: { above?: number; below?: number; minVolume?: number; volumeColumn?: string }; seasonal?: RawSeasonal };
  for?: string;
  keep_firing_for?: string;
  severity: Severity;
  labels?: Record<string, string>;
  annotations: Record<string, string>;
  console?: string;
}
interface RawSeasonal {
  direction: 'drop' | 'rise';
  change: number;
  seasonalDays?: number[];
  trailingWindows?: number;
  minPoints?: number;
  minBaseline?: number;
  minVolume?: number;
}
interface RawFile {
  version: number;
  groups: Array<{ name: string; interval?: string; rules: RawRule[] }>;
}

/** Labels the engine sets itself; a rule may not override them. */
const RESERVED_LABELS = ['alertname', 'severity', 'alertgroup'];

function toRule(r: RawRule, group: string, intervalMs: number, problem: (p: string) => void): AlertRule | undefined {
  let failed = false;
  const fail = (p: string) => {
    failed = true;
    problem(p);
  };
  let columns: string[] = [];
  const params: RuleQuery['params'] = { ...(r.params ?? {}) };
  try {
    const def = getKpi(r.kpi);
    if (params.granularity === undefined && def.granularities.includes('all')) params.granularity = 'all';
    columns = def.render(resolveKpiParams(def, { ...params, fromMs: 0, toMs: 3_600_000 }, 3_600_000), DUCKDB_DIALECT).columns;
  } catch (err) {
    fail(isGamepulseError(err) ? err.message : String(err));
  }
  if (columns.length > 0) {
    const known = (what: string, c: string) => {
      if (!columns.includes(c)) fail(`${what} "${c}" is not a column of ${r.kpi} (its columns: ${columns.join(', ')})`);
    };
    const value = typeof r.value === 'string' ? [r.value] : r.value.ratio;
    value.forEach((c) => known('value column', c));
    (r.series ?? []).forEach((c) => known('series column', c));
    Object.keys(r.where ?? {}).forEach((c) => known('where column', c));
    if (r.condition.threshold?.volumeColumn) known('volumeColumn', r.condition.threshold.volumeColumn);
  }
  const t = r.condition.threshold;
  if (t && t.above === undefined && t.below === undefined) fail('condition.threshold needs `above` or `below`');
  for (const l of Object.keys(r.labels ?? {})) if (RESERVED_LABELS.includes(l)) fail(`label "${l}" is set by the engine`);
  const windowMs = r.window ? parseDurationMs(r.window)! : RULE_DEFAULTS.windowMs;
  if (windowMs < 60_000) fail(`window ${r.window} is shorter than the rollups' one-minute windows`);
  if (failed) return undefined;
  const series = r.series ?? (params.by ?? []).map((d) => (d === 'game' ? 'game_id' : d));
  const condition: Condition = t
    ? { kind: 'threshold', above: t.above, below: t.below, minVolume: t.minVolume ?? RULE_DEFAULTS.minVolume, volumeColumn: t.volumeColumn }
    : {
        kind: 'seasonal',
        direction: r.condition.seasonal!.direction,
        change: r.condition.seasonal!.change,
        seasonalDays: r.condition.seasonal!.seasonalDays ?? RULE_DEFAULTS.seasonal.seasonalDays,
        trailingWindows: r.condition.seasonal!.trailingWindows ?? RULE_DEFAULTS.seasonal.trailingWindows,
        minPoints: r.condition.seasonal!.minPoints ?? RULE_DEFAULTS.seasonal.minPoints,
        minBaseline: r.condition.seasonal!.minBaseline ?? RULE_DEFAULTS.seasonal.minBaseline,
        minVolume: r.condition.seasonal!.minVolume ?? RULE_DEFAULTS.minVolume,
      };
  return {
    name: r.alert,
    group,
    query: {
      kpi: r.kpi,
      params,
      windowMs,
      settleMs: r.settle ? parseDurationMs(r.settle)! : RULE_DEFAULTS.settleMs,
      series,
      value: typeof r.value === 'string' ? { column: r.value } : { ratio: r.value.ratio },
      where: r.where ?? {},
    },
    condition,
    forMs: r.for ? parseDurationMs(r.for)! : RULE_DEFAULTS.forMs,
    keepFiringForMs: r.keep_firing_for ? parseDurationMs(r.keep_firing_for)! : RULE_DEFAULTS.keepFiringForMs,
    severity: r.severity,
    labels: r.labels ?? {},
    annotations: r.annotations,
    consolePath: r.console ?? RULE_DEFAULTS.consolePath,
    intervalMs,
  };
}

function schemaProblem(e: ErrorObject): string {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${where}: ${e.message} (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
  return `${where}: ${e.message}`;
}
