/**
 * A/B readout of one experiment, per variant ('experiment:variant'). Exposures come from
 * the rollups' experiment_exposure rows (each carries the one variant it exposes);
 * players, payers and conversion from the player tables, whose rows carry the player's
 * assignment set in `variant` — a player counts for a variant when a row of theirs in
 * the range has it in the set (variant-sql.ts; druid/README.md, "A/B readout"). Revenue
 * per variant is `revenue?by=variant&experiment=E`; the statistics are `ab_test`.
 */
import { AnalyticsError } from '@gamepulse/store';
import { QueryBuilder, dims, literal, playersTable, ratio } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { KpiDefinition, ResolvedKpiParams } from '../types.ts';
import { escapeLike, experimentVariant, inExperiment } from '../variant-sql.ts';

/** The experiment of an A/B KPI; one is required (a player is in several at once), and player rows with variant. */
export function requireExperiment(p: ResolvedKpiParams, d: Dialect, kpi: string): string {
  if (!d.playerVariant) {
    throw new AnalyticsError('GP_QUERY_BAD_PARAM', `${kpi} needs player_windows.variant, which this ${d.engine} store does not have`, {
      context: { param: 'experiment', kpi, engine: d.engine },
    });
  }
  if (p.experiment === undefined || p.experiment === '') {
    throw new AnalyticsError('GP_QUERY_BAD_PARAM', `${kpi} needs experiment=<name>: players are in several experiments at once`, {
      context: { param: 'experiment', kpi },
    });
  }
  return p.experiment;
}

export const abReadout: KpiDefinition = {
  name: 'ab_readout',
  description:
    'Per variant of experiment= (required): exposure events, distinct players assigned to it (their assignment set contains it) and active in the range, ' +
    'payers among them, conversion = payers / players, sessions and purchases per player.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'experiment', 'by'],
  granularities: ['all'],
  render(p, d) {
    const experiment = requireExperiment(p, d, 'ab_readout');
    const q = new QueryBuilder(d);
    const by = { ...p, by: p.by.filter((x) => x !== 'variant') };
    const table = playersTable(p.fromMs, p.toMs, 'all');
    const ex = dims(by, d, 'rollups');
    const exposures = [
      `SELECT ${[`${d.dimension('variant')} AS variant`, ...ex.select, 'SUM(events) AS exposures'].join(', ')}`,
      `FROM ${d.table('rollups')}`,
      q.where(p, () => [
        `event_type = ${literal('experiment_exposure')}`,
        `variant LIKE ${q.param(`${escapeLike(experiment)}:%`)} ESCAPE '\\'`,
      ]),
      `GROUP BY ${[d.dimension('variant'), ...ex.group].join(', ')}`,
    ].join('\n  ');
    const keys = ['variant', ...ex.columns];
    const pl = dims(by, d, table);
    const variant = experimentVariant(experiment);
    const players = [
      `SELECT ${[`${variant} AS variant`, ...pl.select, `${d.uniquePlayers()} AS players`, `${d.uniquePayers()} AS payers`, 'SUM(sessions) AS sessions', 'SUM(purchases) AS purchases'].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, () => [inExperiment(experiment, (v) => q.param(v))], { table }),
      `GROUP BY ${[variant, ...pl.group].join(', ')}`,
    ].join('\n  ');
    const np = 'MAX(u.players)';
    return q.build(
      [
        `SELECT ${[
          ...keys.map((k) => `e.${k} AS ${k}`),
          'MAX(e.exposures) AS exposures',
          `${np} AS players`,
          'MAX(u.payers) AS payers',
          `${ratio('MAX(u.payers)', np)} AS conversion`,
          `${ratio('MAX(u.sessions)', np)} AS sessions_per_player`,
          `${ratio('MAX(u.purchases)', np)} AS purchases_per_player`,
        ].join(', ')}`,
        `FROM (\n  ${exposures}\n) e`,
        `LEFT JOIN (\n  ${players}\n) u ON ${keys.map((k) => `e.${k} = u.${k}`).join(' AND ')}`,
        `GROUP BY ${keys.map((k) => `e.${k}`).join(', ')}`,
        `ORDER BY ${keys.join(', ')}`,
      ],
      [...keys, 'exposures', 'players', 'payers', 'conversion', 'sessions_per_player', 'purchases_per_player'],
    );
  },
};
