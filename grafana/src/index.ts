/**
 * @gamepulse/grafana — what checks the Grafana dashboards (grafana/README.md): the
 * structural check of a dashboard's JSON and the PromQL reader. The dashboards themselves
 * are built by `./builders` (on @grafana/grafana-foundation-sdk, a devDependency) into
 * grafana/dashboards/*.json.
 */
export {
  parseExposition,
  lookUpSeries,
  checkExpression,
  TARGET_LABELS,
  type Family,
  type SeriesLookup,
  type CheckExpressionOptions,
} from './scrape-check.ts';
export { validateDashboard, GRID_COLUMNS, type DashboardJson } from './validate-dashboard.ts';
export {
  parsePromql,
  parseLabelValuesQuery,
  referencedVariables,
  PromqlSyntaxError,
  AGGREGATIONS,
  FUNCTIONS,
  type ParsedPromql,
  type Selector,
  type Matcher,
  type Grouping,
} from './promql.ts';
