/**
 * The gamepulse dashboards as code, on @grafana/grafana-foundation-sdk (a devDependency:
 * what ships is the JSON under grafana/dashboards/, which these render). Listed in the
 * order grafana/README.md gives them.
 */
import { INGESTION } from './ingestion.ts';
import { buildDashboard, panelsOf, type DashboardSpec } from './panels.ts';
import { PROCESSING } from './processing.ts';
import { QUERY_ALERTS } from './query-alerts.ts';

export const DASHBOARDS: readonly DashboardSpec[] = [INGESTION, PROCESSING, QUERY_ALERTS];

/** File name → file content (2-space JSON and a final newline, as committed). */
export function renderDashboards(): Map<string, string> {
  return new Map(DASHBOARDS.map((spec) => [spec.file, JSON.stringify(buildDashboard(spec), null, 2) + '\n']));
}

/** grafana/README.md's list of dashboards and panels (between `<!-- panels -->` markers), from the specs. */
export function renderPanelTables(): string {
  const out: string[] = [];
  for (const d of DASHBOARDS) {
    out.push(`### ${d.title}`, '', `\`dashboards/${d.file}\`, uid \`${d.uid}\`. ${d.description}`, '');
    out.push('| row | panel | unit | about | what it shows |', '|---|---|---|---|---|');
    for (const p of panelsOf(d))
      out.push(`| ${p.row} | ${p.title} | \`${p.unit}\` | ${p.about} | ${p.description.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** A README with its `<!-- panels -->` … `<!-- /panels -->` section replaced by `tables`. */
export function withPanelTables(readme: string, tables: string): string {
  const start = readme.indexOf('<!-- panels -->');
  const end = readme.indexOf('<!-- /panels -->');
  if (start < 0 || end < start) throw new Error('grafana/README.md: no <!-- panels --> … <!-- /panels --> section');
  return `${readme.slice(0, start)}<!-- panels -->\n\n${tables}\n${readme.slice(end)}`;
}

export {
  buildDashboard,
  panelsOf,
  DATASOURCE,
  FILTER,
  type DashboardSpec,
  type PanelSpec,
  type RowSpec,
  type MetricSource,
  type Unit,
} from './panels.ts';
