/**
 * The structural check of a dashboard's JSON model, beyond what the SDK's types promise:
 * what Grafana needs to render it as meant. Returns every problem found (empty: valid).
 *
 * - uid, title, schemaVersion present; panel ids unique positive integers;
 * - every panel inside the 24-column grid, no two panels overlapping, rows full width;
 * - every panel has a type the dashboards use, a title and a unit; every target a refId
 *   (unique in its panel), the Prometheus datasource variable and a PromQL `expr` that parses;
 * - every variable referenced (`$x`, `${x}`, `[[x]]`) is defined or one of Grafana's
 *   built-ins (`$__…`); every query variable is a `label_values(<selector>, <label>)` that parses.
 */
import { parseLabelValuesQuery, parsePromql, referencedVariables } from './promql.ts';

/** Grafana's grid is 24 columns wide (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/#panels). */
export const GRID_COLUMNS = 24;
const PANEL_TYPES = new Set(['row', 'timeseries', 'stat']);

interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Target {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  gridPos?: GridPos;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  fieldConfig?: { defaults?: { unit?: string } };
  panels?: PanelJson[];
}
interface VariableJson {
  name?: string;
  type?: string;
  query?: unknown;
  datasource?: { type?: string; uid?: string };
}
export interface DashboardJson {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function validateDashboard(d: DashboardJson): string[] {
  const problems: string[] = [];
  if (!d.uid) problems.push('dashboard: no uid');
  if (!d.title) problems.push('dashboard: no title');
  if (!isInt(d.schemaVersion)) problems.push('dashboard: no schemaVersion');
  const variables = d.templating?.list ?? [];
  const defined = new Set(variables.map((v) => v.name));
  const checkReferences = (where: string, text: string) => {
    for (const name of referencedVariables(text))
      if (!name.startsWith('__') && !defined.has(name)) problems.push(`${where}: variable $${name} is not defined`);
  };
  const datasourceVariables = new Set(variables.filter((v) => v.type === 'datasource').map((v) => v.name));
  const checkDatasource = (where: string, ds: { type?: string; uid?: string } | undefined) => {
    if (ds?.type !== 'prometheus') problems.push(`${where}: datasource type is ${ds?.type} (expected prometheus)`);
    const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(ds?.uid ?? '');
    if (!m || !datasourceVariables.has(m[1])) problems.push(`${where}: datasource uid ${ds?.uid} is not a datasource variable`);
  };

  for (const v of variables) {
    const where = `variable ${v.name}`;
    if (!v.name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name)) problems.push(`${where}: bad name`);
    if (v.type !== 'query') continue;
    checkDatasource(where, v.datasource);
    const query = typeof v.query === 'string' ? v.query : '';
    try {
      parseLabelValuesQuery(query);
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
    }
    checkReferences(where, query);
  }

  const panels = (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  const ids = new Set<number>();
  const placed: Array<{ title: string; pos: GridPos }> = [];
  for (const p of panels) {
    const where = `panel ${p.id} "${p.title}"`;
    if (!isInt(p.id) || p.id <= 0) problems.push(`${where}: id is not a positive integer`);
    else if (ids.has(p.id)) problems.push(`${where}: duplicate id`);
    else ids.add(p.id);
    if (!p.type || !PANEL_TYPES.has(p.type)) problems.push(`${where}: unexpected type ${p.type}`);
    if (!p.title) problems.push(`${where}: no title`);
    const g = p.gridPos;
    if (!g || ![g.x, g.y, g.w, g.h].every(isInt)) {
      problems.push(`${where}: no integer gridPos`);
      continue;
    }
    if (g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS)
      problems.push(`${where}: gridPos ${JSON.stringify(g)} outside the ${GRID_COLUMNS}-column grid`);
    if (p.type === 'row' && (g.w !== GRID_COLUMNS || g.h !== 1 || g.x !== 0)) problems.push(`${where}: a row spans the full width, 1 high`);
    for (const other of placed) if (overlaps(g, other.pos)) problems.push(`${where}: overlaps "${other.title}"`);
    placed.push({ title: p.title ?? '', pos: g });
    if (p.type === 'row') continue;
    checkDatasource(where, p.datasource);
    if (!p.fieldConfig?.defaults?.unit) problems.push(`${where}: no unit`);
    const targets = p.targets ?? [];
    if (targets.length === 0) problems.push(`${where}: no targets`);
    const refIds = new Set<string>();
    for (const t of targets) {
      const at = `${where} target ${t.refId}`;
      if (!t.refId) problems.push(`${at}: no refId`);
      else if (refIds.has(t.refId)) problems.push(`${at}: duplicate refId`);
      else refIds.add(t.refId);
      checkDatasource(at, t.datasource);
      if (!t.expr) {
        problems.push(`${at}: no expr`);
        continue;
      }
      try {
        parsePromql(t.expr);
      } catch (err) {
        problems.push(`${at}: ${(err as Error).message}`);
      }
      checkReferences(at, t.expr);
    }
    checkReferences(where, p.title ?? '');
  }
  return problems;
}
