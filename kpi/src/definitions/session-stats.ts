/**
 * Sessions two ways, per bucket and dimension group: SDK sessions (session_start /
 * session_end events, lengths as the SDK measured them) and sessions by inactivity gap
 * (the processor's gap_sessions / active_ms on player rows: right when a session_end
 * never arrives), with frequency per player and per DAU, and median / p90 session
 * length from the session-length sketch in the session_end rows' `item` (relative
 * error ≤ 2 %: proto/src/session-length-sketch.ts). The engine returns rollup rows per
 * bucket of the sketch and player sums in one UNION ALL; `finish` merges them per
 * group and reads the quantiles — the same TypeScript for both engines.
 */
import { sessionLengthQuantileMs } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import { QueryBuilder, bucket, concat, dims, literal, playersTable, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

const START = literal('session_start');
const END = literal('session_end');

const OUT_COLUMNS = [
  'sdk_sessions',
  'sdk_ended',
  'sdk_total_length_ms',
  'sdk_avg_length_ms',
  'gap_sessions',
  'gap_total_length_ms',
  'gap_avg_length_ms',
  'players',
  'player_days',
  'sessions_per_player',
  'gap_sessions_per_player',
  'sessions_per_dau',
  'gap_sessions_per_dau',
  'median_length_ms',
  'p90_length_ms',
];

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const per = (a: number, b: number) => (b > 0 ? a / b : null);

export const sessionStats: KpiDefinition = {
  name: 'session_stats',
  description:
    'Sessions per bucket: SDK sessions (session_start events; ended, total and average length from session_end) and sessions by inactivity gap ' +
    '(an install idle more than the processor’s session gap, 30 min by default, starts a new one; total length = in-session time between events), ' +
    'distinct players, player-days, sessions per player (frequency) and per DAU (sessions / player-days) both ways, and median and p90 SDK ' +
    'session length from a DDSketch-style sketch (relative error ≤ 2 %).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'hour', 'day', 'minute'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const rg = concat(bucket(p, d), dims(p, d, 'rollups'));
    const table = playersTable(p.fromMs, p.toMs, p.granularity);
    const pg = concat(bucket(p, d), dims(p, d, table));
    const keys = rg.columns;
    const rollupBranch = [
      `SELECT ${[
        `'r' AS part`,
        ...rg.select,
        'item',
        `${sumWhen(`event_type = ${START}`, 'events')} AS n1`,
        `${sumWhen(`event_type = ${END}`, 'events')} AS n2`,
        `${sumWhen(`event_type = ${END}`, 'amount')} AS n3`,
        'CAST(0 AS BIGINT) AS n4',
        'CAST(0 AS BIGINT) AS n5',
      ].join(', ')}`,
      `FROM ${d.table('rollups')}`,
      q.where(p, [`event_type IN (${START}, ${END})`]),
      `GROUP BY ${[...rg.group, 'item'].join(', ')}`,
    ].join('\n');
    // Per player and day first: player-days is then a plain count (exact on both engines).
    const day = d.bucketStartMs('day');
    const perPlayerDay = [
      `SELECT ${[...pg.select, 'player_id', `${day} AS day_ms`, 'SUM(gap_sessions) AS g', 'SUM(active_ms) AS a'].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, [], { table }),
      `GROUP BY ${[...pg.group, 'player_id', day].join(', ')}`,
    ].join('\n  ');
    const playerBranch = [
      `SELECT ${[`'p' AS part`, ...keys, `'' AS item`, 'COALESCE(SUM(g), 0) AS n1', 'COALESCE(SUM(a), 0) AS n2', 'CAST(COUNT(*) AS BIGINT) AS n3', `${d.uniquePlayers()} AS n4`, 'CAST(0 AS BIGINT) AS n5'].join(', ')}`,
      `FROM (\n  ${perPlayerDay}\n) pd`,
      keys.length > 0 && `GROUP BY ${keys.join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n');
    const columns = ['part', ...keys, 'item', 'n1', 'n2', 'n3', 'n4', 'n5'];
    return q.build([d.unionAll([rollupBranch, playerBranch], ['part', ...keys, 'item'])], columns);
  },
  finish(rows, columns) {
    const keys = columns.filter((c) => !['part', 'item', 'n1', 'n2', 'n3', 'n4', 'n5'].includes(c));
    interface Acc {
      key: Row;
      sdk: number;
      ended: number;
      length: number;
      gap: number;
      active: number;
      playerDays: number;
      players: number;
      buckets: Map<string, number>;
    }
    const groups = new Map<string, Acc>();
    for (const r of rows) {
      const key: Row = {};
      for (const k of keys) key[k] = r[k]!;
      const id = JSON.stringify(key);
      let g = groups.get(id);
      if (!g) {
        g = { key, sdk: 0, ended: 0, length: 0, gap: 0, active: 0, playerDays: 0, players: 0, buckets: new Map() };
        groups.set(id, g);
      }
      if (r.part === 'r') {
        g.sdk += num(r.n1);
        g.ended += num(r.n2);
        g.length += num(r.n3);
        const item = String(r.item ?? '');
        if (num(r.n2) > 0) g.buckets.set(item, (g.buckets.get(item) ?? 0) + num(r.n2));
      } else {
        g.gap += num(r.n1);
        g.active += num(r.n2);
        g.playerDays += num(r.n3);
        g.players += num(r.n4);
      }
    }
    const out: Row[] = [];
    for (const g of groups.values()) {
      out.push({
        ...g.key,
        sdk_sessions: g.sdk,
        sdk_ended: g.ended,
        sdk_total_length_ms: g.length,
        sdk_avg_length_ms: per(g.length, g.ended),
        gap_sessions: g.gap,
        gap_total_length_ms: g.active,
        gap_avg_length_ms: per(g.active, g.gap),
        players: g.players,
        player_days: g.playerDays,
        sessions_per_player: per(g.sdk, g.players),
        gap_sessions_per_player: per(g.gap, g.players),
        sessions_per_dau: per(g.sdk, g.playerDays),
        gap_sessions_per_dau: per(g.gap, g.playerDays),
        median_length_ms: sessionLengthQuantileMs(g.buckets, 0.5),
        p90_length_ms: sessionLengthQuantileMs(g.buckets, 0.9),
      });
    }
    out.sort((a, b) => {
      for (const k of keys) {
        const x = a[k]!;
        const y = b[k]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    if (out.length === 0 && keys.length === 0) {
      out.push({
        sdk_sessions: 0,
        sdk_ended: 0,
        sdk_total_length_ms: 0,
        sdk_avg_length_ms: null,
        gap_sessions: 0,
        gap_total_length_ms: 0,
        gap_avg_length_ms: null,
        players: 0,
        player_days: 0,
        sessions_per_player: null,
        gap_sessions_per_player: null,
        sessions_per_dau: null,
        gap_sessions_per_dau: null,
        median_length_ms: null,
        p90_length_ms: null,
      });
    }
    return { rows: out, columns: [...keys, ...OUT_COLUMNS] };
  },
};
