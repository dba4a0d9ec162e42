/**
 * player_funnel: ordered funnels counted in players, from the per-player step facts
 * (`PlayerStep`: the earliest time of each step key per player and window).
 *
 * The definition (kpi/README.md, "player_funnel"): per (game, player), t_i is the
 * earliest time of an event matching step i among the events in the range (and the
 * filters). The player reaches step k when t_1 … t_k all exist, t_1 ≤ t_2 ≤ … ≤ t_k, and
 * t_k − t_1 ≤ window. The engine computes t_i per player (MIN over the facts, exact at
 * any resolution, since the earliest of earliests is the earliest), counts players per
 * step and the lower median of t_k − t_{k−1} over the players reaching k, in one row;
 * `finish` turns it into one row per step with the conversions.
 */
import type { Row } from '@gamepulse/store';
import { parseStepKey } from '../funnel-steps.ts';
import { QueryBuilder, intLiteral } from '../sql.ts';
import type { KpiDefinition, ResolvedKpiParams } from '../types.ts';

const FILTER_PARAMS = ['game', 'from', 'to', 'platform', 'country', 'build', 'variant'] as const;

const t = (i: number) => `t${i + 1}`;

/** Players reaching step k (0-based): every step so far, in order, within the window of step 1. */
function reached(k: number, windowMs: number): string {
  const parts = [`${t(0)} IS NOT NULL`];
  for (let i = 1; i <= k; i++) parts.push(`${t(i)} >= ${t(i - 1)}`);
  if (k > 0) parts.push(`${t(k)} - ${t(0)} <= ${intLiteral(windowMs)}`);
  return parts.join(' AND ');
}

const num = (v: Row[string] | undefined): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export const playerFunnel: KpiDefinition = {
  name: 'player_funnel',
  description:
    'Ordered player funnel over steps (event_type[:action[:item]], 2..8; {m..n} in a key expands to tiers in order): ' +
    'per step, players whose first occurrence of every step so far in the range came in order within `window` of their first step 1; ' +
    'conversion from the previous step and from step 1, and the median ms from the previous step (exact on DuckDB, quantiles sketch on Druid).',
  params: [...FILTER_PARAMS, 'steps', 'window'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const steps = p.steps.map(parseStepKey);
    // Placeholders bind in text order: the step filters of the SELECT list first, then the WHERE.
    const matches = () =>
      steps.map((s) => {
        const parts = [`event_type = ${q.param(s.eventType)}`];
        if (s.action) parts.push(`action = ${q.param(s.action)}`);
        if (s.item) parts.push(`item = ${q.param(s.item)}`);
        return parts.join(' AND ');
      });
    const firsts = matches().map((m, i) => `MIN(first_ms) FILTER (WHERE ${m}) AS ${t(i)}`);
    const outer = steps.flatMap((_, k) => {
      const cols = [`COUNT(*) FILTER (WHERE ${reached(k, p.windowMs)}) AS players_${k + 1}`];
      if (k > 0) cols.push(`${d.lowerMedian(`${t(k)} - ${t(k - 1)}`, reached(k, p.windowMs))} AS median_ms_${k + 1}`);
      return cols;
    });
    return q.build(
      [
        `SELECT ${outer.join(',\n  ')}`,
        'FROM (',
        `SELECT game_id, player_id, ${firsts.join(', ')}`,
        `FROM ${d.table('steps')}`,
        q.where(
          p,
          () => [
            `(${matches()
              .map((m) => `(${m})`)
              .join(' OR ')})`,
          ],
          { table: 'steps' },
        ),
        'GROUP BY game_id, player_id',
        ') f',
      ],
      steps.flatMap((_, k) => (k > 0 ? [`players_${k + 1}`, `median_ms_${k + 1}`] : [`players_${k + 1}`])),
    );
  },
  finish(rows, _columns, p: ResolvedKpiParams) {
    const one = rows[0] ?? {};
    const players = p.steps.map((_, k) => num(one[`players_${k + 1}`]) ?? 0);
    const out: Row[] = p.steps.map((key, k) => ({
      step: k + 1,
      step_key: key,
      players: players[k]!,
      conversion_from_previous: k === 0 ? null : ratio(players[k]!, players[k - 1]!),
      conversion_from_first: ratio(players[k]!, players[0]!),
      median_ms_from_previous: k === 0 || players[k] === 0 ? null : num(one[`median_ms_${k + 1}`]),
    }));
    return { rows: out, columns: FUNNEL_COLUMNS };
  },
};

export const FUNNEL_COLUMNS = [
  'step',
  'step_key',
  'players',
  'conversion_from_previous',
  'conversion_from_first',
  'median_ms_from_previous',
];
