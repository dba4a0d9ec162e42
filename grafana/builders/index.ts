/**
 * The gamepulse dashboards as code, on @grafana/grafana-foundation-sdk (a devDependency:
 * what ships is the JSON under grafana/dashboards/, which these render). Listed in the
 * order grafana/README.md gives them.
 */
import { INGESTION } from './ingestion.ts';
import { buildDashboard, type DashboardSpec } from './panels.ts';
import { PROCESSING } from './processing.ts';
import { QUERY_ALERTS } from './query-alerts.ts';

export const DASHBOARDS: readonly DashboardSpec[] = [INGESTION, PROCESSING, QUERY_ALERTS];

/** File name → file content (2-space JSON and a final newline, as committed). */
export function renderDashboards(): Map<string, string> {
  return new Map(DASHBOARDS.map((spec) => [spec.file, JSON.stringify(buildDashboard(spec), null, 2) + '\n']));
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
