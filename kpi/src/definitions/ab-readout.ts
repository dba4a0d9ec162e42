/**
 * A/B readout per variant ('experiment:variant'). Exposures come from the rollups'
 * experiment_exposure rows; players, payers and conversion from the player tables,
 * whose rows carry the player's assignment in `variant` (see druid/README.md, "A/B
 * readout", for what the processor stamps). Revenue per variant is `revenue?by=variant`
 * and `arppu?by=variant`: purchase rows carry the buyer's variant too.
 */
import { QueryBuilder, dims, literal, playersTable, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const abReadout: KpiDefinition = {
  name: 'ab_readout',
  description:
    'Per experiment variant: exposure events, distinct players assigned to it and active in the range, payers, conversion = payers / players, ' +
    'sessions and purchases per player. Filter one experiment with experiment=.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'experiment', 'by'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const by = { ...p, by: p.by.filter((x) => x !== 'variant') };
    const table = playersTable(p.fromMs, p.toMs, 'all');
    // LIKE with the experiment's own % and _ escaped: 'shop_layout:%' must not match 'shopXlayout:a'.
    const prefix = p.experiment?.replace(/[\\%_]/g, (c) => `\\${c}`);
    const exp = () => (prefix !== undefined ? [`variant LIKE ${q.param(`${prefix}:%`)} ESCAPE '\\'`] : [`variant <> ''`]);
    const ex = dims(by, d, 'rollups');
    const exposures = [
      `SELECT ${[`${d.dimension('variant')} AS variant`, ...ex.select, 'SUM(events) AS exposures'].join(', ')}`,
      `FROM ${d.table('rollups')}`,
      q.where(p, () => [`event_type = ${literal('experiment_exposure')}`, ...exp()]),
      `GROUP BY ${[d.dimension('variant'), ...ex.group].join(', ')}`,
    ].join('\n  ');
    const keys = ['variant', ...ex.columns];
    const outer = (cols: string[]) => [
      `SELECT ${[...keys.map((k) => `e.${k} AS ${k}`), 'MAX(e.exposures) AS exposures', ...cols].join(', ')}`,
      `FROM (\n  ${exposures}\n) e`,
    ];
    if (!d.playerVariant) {
      // This engine's player table cannot tell variants apart: player columns are unknown.
      const nul = (c: string) => `CAST(NULL AS BIGINT) AS ${c}`;
      return q.build(
        [
          ...outer([
            nul('players'),
            nul('payers'),
            'CAST(NULL AS DOUBLE) AS conversion',
            'CAST(NULL AS DOUBLE) AS sessions_per_player',
            'CAST(NULL AS DOUBLE) AS purchases_per_player',
          ]),
          `GROUP BY ${keys.map((k) => `e.${k}`).join(', ')}`,
          `ORDER BY ${keys.join(', ')}`,
        ],
        [...keys, 'exposures', 'players', 'payers', 'conversion', 'sessions_per_player', 'purchases_per_player'],
      );
    }
    const pl = dims(by, d, table);
    const players = [
      `SELECT ${[`${d.dimension('variant')} AS variant`, ...pl.select, `${d.uniquePlayers()} AS players`, `${d.uniquePayers()} AS payers`, 'SUM(sessions) AS sessions', 'SUM(purchases) AS purchases'].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, exp, { table }),
      `GROUP BY ${[d.dimension('variant'), ...pl.group].join(', ')}`,
    ].join('\n  ');
    const np = 'MAX(u.players)';
    return q.build(
      [
        ...outer([
          `${np} AS players`,
          'MAX(u.payers) AS payers',
          `${ratio('MAX(u.payers)', np)} AS conversion`,
          `${ratio('MAX(u.sessions)', np)} AS sessions_per_player`,
          `${ratio('MAX(u.purchases)', np)} AS purchases_per_player`,
        ]),
        `LEFT JOIN (\n  ${players}\n) u ON ${keys.map((k) => `e.${k} = u.${k}`).join(' AND ')}`,
        `GROUP BY ${keys.map((k) => `e.${k}`).join(', ')}`,
        `ORDER BY ${keys.join(', ')}`,
      ],
      [...keys, 'exposures', 'players', 'payers', 'conversion', 'sessions_per_player', 'purchases_per_player'],
    );
  },
};
