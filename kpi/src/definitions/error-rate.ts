/**
 * Errors per build and severity — the "is this release bad" view: error events of each
 * severity divided by the sessions started and by all events of the same build (and
 * bucket and dimensions). Two rollup subqueries joined on the bucket, dimensions and
 * build: errors per severity, and the build's totals.
 */
import { DIMENSION_COLUMNS } from '../dialect.ts';
import { QueryBuilder, TRACKED_EVENTS, bucket, concat, dims, literal, ratio, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const errorRate: KpiDefinition = {
  name: 'error_rate',
  description:
    'Error events per build and severity (debug, info, warning, error, critical), per time bucket: errors, the sessions started and all ' +
    'events of that build, errors per session and errors per event. Build is always a column (a by=build is implied).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['day', 'hour', 'minute', 'all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    // build is a column of every row; a by=build adds nothing.
    const rest = { ...p, by: p.by.filter((x) => x !== 'build') };
    const g = concat(bucket(p, d), dims(rest, d, 'rollups'));
    const build = DIMENSION_COLUMNS.build;
    const keys = [...g.columns, build];
    const errors = [
      `SELECT ${[...g.select, `${d.dimension(build)} AS ${build}`, 'action AS severity', 'SUM(events) AS errors'].join(', ')}`,
      `FROM ${d.table('rollups')}`,
      q.where(p, [`event_type = ${literal('error')}`]),
      `GROUP BY ${[...g.group, d.dimension(build), 'action'].join(', ')}`,
    ].join('\n  ');
    const totals = [
      `SELECT ${[
        ...g.select,
        `${d.dimension(build)} AS ${build}`,
        `${sumWhen(`event_type = ${literal('session_start')}`, 'events')} AS sessions`,
        'SUM(events) AS events',
      ].join(', ')}`,
      `FROM ${d.table('rollups')}`,
      q.where(p, [TRACKED_EVENTS]),
      `GROUP BY ${[...g.group, d.dimension(build)].join(', ')}`,
    ].join('\n  ');
    const sumErrors = 'SUM(e.errors)';
    return q.build(
      [
        `SELECT ${[
          ...keys.map((c) => `e.${c} AS ${c}`),
          'e.severity AS severity',
          `${sumErrors} AS errors`,
          'MAX(t.sessions) AS sessions',
          'MAX(t.events) AS events',
          `${ratio(sumErrors, 'MAX(t.sessions)')} AS errors_per_session`,
          `${ratio(sumErrors, 'MAX(t.events)')} AS errors_per_event`,
        ].join(', ')}`,
        `FROM (\n  ${errors}\n) e`,
        `INNER JOIN (\n  ${totals}\n) t ON ${keys.map((k) => `e.${k} = t.${k}`).join(' AND ')}`,
        `GROUP BY ${[...keys.map((c) => `e.${c}`), 'e.severity'].join(', ')}`,
        `ORDER BY ${[...keys, 'severity'].join(', ')}`,
      ],
      [...keys, 'severity', 'errors', 'sessions', 'events', 'errors_per_session', 'errors_per_event'],
    );
  },
};
