/**
 * The pieces every gamepulse dashboard is made of, on @grafana/grafana-foundation-sdk's
 * builders: a Prometheus datasource variable, job and instance variables, time-series and
 * stat panels whose queries all go through `${datasource}` and the `$job`/`$instance`
 * filter, and the layout (rows of panels, 24 columns wide, ids in order).
 *
 * A panel spec also says which service its metrics come from (`about`): the integration
 * test scrapes that service and finds every metric of the panel there.
 */
import {
  DashboardBuilder,
  DashboardCursorSync,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { BigValueGraphMode, LegendDisplayMode, LegendPlacement, type DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { ReduceDataOptionsBuilder, VizLegendOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import type * as units from '@grafana/grafana-foundation-sdk/units';

/** A unit id Grafana knows: one of the SDK's unit constants (`s`, `ops`, `percentunit`, …), checked by tsc. */
export type Unit = Extract<(typeof units)[keyof typeof units], string>;

/**
 * What a panel's metrics are about: the part of the pipeline that registers them. Which
 * process hosts it depends on the shape (test/integration/grafana-metrics.test.ts maps
 * it): store, query API and alert engine run in the process that holds the store (the
 * processor embedded, the loader with Kafka).
 */
export type MetricSource = 'collector' | 'processor' | 'loader' | 'store' | 'query' | 'alerts';

/** Every query's datasource: the dashboard's Prometheus variable. */
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** The label filter every gamepulse series selector carries. */
export const FILTER = 'job=~"$job", instance=~"$instance"';

export interface TargetSpec {
  expr: string;
  /** Legend template, e.g. `{{instance}}`; the expression when omitted. */
  legend?: string;
}

export interface PanelSpec {
  kind: 'timeseries' | 'stat';
  title: string;
  description: string;
  about: MetricSource;
  unit: Unit;
  targets: TargetSpec[];
  /** Columns of 24. @default 12 (time series), 6 (stat) */
  width?: number;
  /** Grid rows (30 px each). @default 8 (time series), 4 (stat) */
  height?: number;
  /** Lower bound of the axis. @default 0 */
  min?: number;
  /** Stacked areas (shares of a whole). @default false */
  stacked?: boolean;
}

export interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  /** File name under grafana/dashboards/. */
  file: string;
  rows: RowSpec[];
}

/** The dashboard's variables: Prometheus datasource, job, instance (both multi-value, default all). */
function variables(): Array<DatasourceVariableBuilder | QueryVariableBuilder> {
  // process_start_time_seconds: every gamepulse process exports it (prom-client's default
  // metrics), and the blackbox exporter's /readyz job does not.
  const job = new QueryVariableBuilder('job')
    .label('job')
    .datasource(DATASOURCE)
    .query('label_values(process_start_time_seconds{job=~"gamepulse-.*"}, job)')
    .definition('label_values(process_start_time_seconds{job=~"gamepulse-.*"}, job)')
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all', selected: true });
  const instance = new QueryVariableBuilder('instance')
    .label('instance')
    .datasource(DATASOURCE)
    .query('label_values(process_start_time_seconds{job=~"$job"}, instance)')
    .definition('label_values(process_start_time_seconds{job=~"$job"}, instance)')
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all', selected: true });
  const datasource = new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
  return [datasource, job, instance];
}

function targets(spec: PanelSpec): DataqueryBuilder[] {
  return spec.targets.map((t, i) =>
    new DataqueryBuilder()
      .refId(String.fromCharCode(65 + i))
      .datasource(DATASOURCE)
      .expr(t.expr)
      .legendFormat(t.legend ?? '__auto')
      .range(),
  );
}

function panel(spec: PanelSpec, id: number): TimeseriesBuilder | StatBuilder {
  if (spec.kind === 'stat')
    return new StatBuilder()
      .id(id)
      .title(spec.title)
      .description(spec.description)
      .datasource(DATASOURCE)
      .unit(spec.unit)
      .span(spec.width ?? 6)
      .height(spec.height ?? 4)
      .graphMode(BigValueGraphMode.Area)
      .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
      .targets(targets(spec));
  const ts = new TimeseriesBuilder()
    .id(id)
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .min(spec.min ?? 0)
    .span(spec.width ?? 12)
    .height(spec.height ?? 8)
    .fillOpacity(spec.stacked ? 40 : 10)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom))
    .targets(targets(spec));
  return ts;
}

/** The dashboard as Grafana's JSON model (schemaVersion of the SDK), rows expanded, ids 1… in order. */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['gamepulse', 'generated'])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .variables(variables());
  let id = 1;
  for (const row of spec.rows) {
    builder.withRow(new RowBuilder(row.title).id(id++).collapsed(false));
    for (const p of row.panels) builder.withPanel(panel(p, id++));
  }
  return builder.build();
}

/** Every panel of a spec with the row it sits in. */
export function panelsOf(spec: DashboardSpec): Array<PanelSpec & { row: string }> {
  return spec.rows.flatMap((r) => r.panels.map((p) => ({ ...p, row: r.title })));
}
