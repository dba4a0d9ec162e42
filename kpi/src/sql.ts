/**
 * Small helpers every KPI renders with: the common WHERE (time range and dimension
 * filters, values always as parameters), the bucket and group-by columns, the choice
 * of player table, and string literals for the KPI's own constants.
 */
import { SDK_DROPPED_EVENT_TYPE } from '@gamepulse/proto';
import { AnalyticsError } from '@gamepulse/store';
import { DIMENSION_COLUMNS, type Dialect, type TableName } from './dialect.ts';
import type { BucketGranularity, KpiQuery, ResolvedKpiParams } from './types.ts';
import { assignedTo, experimentVariant } from './variant-sql.ts';

export const DAY_MS = 86_400_000;

/**
 * The condition that leaves out the rollup rows of events the SDKs dropped (event_type
 * `sdk_dropped`, kpi delivery): every KPI that sums `events` over all event types adds it.
 */
export const TRACKED_EVENTS = `event_type <> '${SDK_DROPPED_EVENT_TYPE}'`;

/** A SQL string literal for a constant written in this library (never for caller input). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An integer this library computed (times, counts), inlined as a number literal. */
export function intLiteral(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${n}`);
  return String(n);
}

/** The bucket column's name in every bucketed KPI. */
export const BUCKET_COLUMN = 'bucket_start_ms';

/** SELECT / GROUP BY / ORDER BY pieces and result columns of one grouping. */
export interface Grouping {
  select: string[];
  group: string[];
  order: string[];
  columns: string[];
}

export const EMPTY_GROUPING: Grouping = { select: [], group: [], order: [], columns: [] };

export function concat(...gs: Grouping[]): Grouping {
  return {
    select: gs.flatMap((g) => g.select),
    group: gs.flatMap((g) => g.group),
    order: gs.flatMap((g) => g.order),
    columns: gs.flatMap((g) => g.columns),
  };
}

/** The bucket column, or nothing for granularity 'all'. */
export function bucket(p: ResolvedKpiParams, d: Dialect, column = BUCKET_COLUMN): Grouping {
  if (p.granularity === 'all') return EMPTY_GROUPING;
  return bucketAt(p.granularity, d, column);
}

export function bucketAt(g: BucketGranularity, d: Dialect, column = BUCKET_COLUMN): Grouping {
  const expr = d.bucketStartMs(g);
  return { select: [`${expr} AS ${column}`], group: [expr], order: [column], columns: [column] };
}

function badParam(message: string, context: Record<string, unknown>): AnalyticsError {
  return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { context });
}

/** The player-window tables, whose variant column an engine may lack (`steps` always has one). */
const isPlayerTable = (t: TableName) => t === 'players' || t === 'playerDays';

/** Player tables can filter or group by variant only where the engine's schema has it. */
function checkVariant(d: Dialect, table: TableName, what: string): void {
  if (isPlayerTable(table) && !d.playerVariant) {
    throw badParam(
      `${what} on player KPIs needs player_windows.variant, which this ${d.engine} store does not have yet (druid/README.md, "A/B readout")`,
      { param: 'variant', engine: d.engine },
    );
  }
}

/**
 * The `by` dimensions as columns named like the table's (game_id, build, platform, country, variant).
 * `variant` is the row's whole assignment set (the cell of every concurrent experiment),
 * or, with `experiment=E`, E's `E:variant` of it ('' for rows not in E): variant-sql.ts.
 */
export function dims(p: ResolvedKpiParams, d: Dialect, table: TableName): Grouping {
  if (p.by.includes('variant')) checkVariant(d, table, 'by=variant');
  const cols = p.by.map((dim) => DIMENSION_COLUMNS[dim]);
  const expr = (c: string) => (c === 'variant' && p.experiment !== undefined ? experimentVariant(p.experiment) : d.dimension(c));
  return { select: cols.map((c) => `${expr(c)} AS ${c}`), group: cols.map(expr), order: cols, columns: cols };
}

/**
 * Druid keeps player sketches twice: per minute and per UTC day. A range of whole days
 * at day (or no) granularity reads the day table: ~1/1440 of the rows, the same answer.
 * Any other range must cut days, which only the minute table can.
 */
export function playersTable(fromMs: number, toMs: number, granularity: ResolvedKpiParams['granularity']): TableName {
  const wholeDays = fromMs % DAY_MS === 0 && toMs % DAY_MS === 0;
  return wholeDays && (granularity === 'day' || granularity === 'all') ? 'playerDays' : 'players';
}

export interface WhereOptions {
  /** Which table the WHERE is for (variant on player tables needs engine support). @default 'rollups' */
  table?: TableName;
  /** Range override (retention and rolling actives read beyond the requested range). */
  fromMs?: number;
  toMs?: number;
}

export class QueryBuilder {
  private readonly values: Array<string | number> = [];

  constructor(private readonly dialect: Dialect) {}

  /** A placeholder bound to `value`; call in the order placeholders appear in the SQL. */
  param(value: string | number): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length - 1);
  }

  /**
   * `WHERE` with the range (inclusive from, exclusive to, on window starts), the
   * game/platform/country/build/region/subregion filters that were given, `variant=exp:var` as
   * "the row's assignment set contains it", then `conditions`
   * (pass a function when they bind parameters).
   */
  where(p: ResolvedKpiParams, conditions: readonly string[] | (() => readonly string[]) = [], o: WhereOptions = {}): string {
    const t = this.dialect.timeColumn;
    const timeLiteral = (ms: number) => this.dialect.timeLiteral(ms);
    const table = o.table ?? 'rollups';
    const parts = [`${t} >= ${timeLiteral(o.fromMs ?? p.fromMs)}`, `${t} < ${timeLiteral(o.toMs ?? p.toMs)}`];
    if (p.game !== undefined) parts.push(`game_id = ${this.param(p.game)}`);
    if (p.platform !== undefined) parts.push(`platform = ${this.param(p.platform)}`);
    if (p.country !== undefined) parts.push(`country = ${this.param(p.country)}`);
    if (p.build !== undefined) parts.push(`build = ${this.param(p.build)}`);
    if (p.region !== undefined) parts.push(`region = ${this.param(p.region)}`);
    if (p.subregion !== undefined) parts.push(`subregion = ${this.param(p.subregion)}`);
    if (p.variant !== undefined) {
      checkVariant(this.dialect, table, 'variant=');
      // Assigned to it: an element of the row's set (variant-sql.ts).
      parts.push(assignedTo(p.variant, (v) => this.param(v)));
    }
    // A function renders its conditions now, after the filters: their parameters follow in text order.
    const extra = typeof conditions === 'function' ? conditions() : conditions;
    return `WHERE ${[...parts, ...extra].join('\n  AND ')}`;
  }

  build(lines: ReadonlyArray<string | false>, columns: string[]): KpiQuery {
    return { sql: lines.filter((l): l is string => Boolean(l)).join('\n'), params: [...this.values], columns };
  }
}

/** `GROUP BY a, b` or nothing. */
export function groupBy(exprs: readonly string[]): string | false {
  return exprs.length > 0 && `GROUP BY ${exprs.join(', ')}`;
}

/** `ORDER BY a, b` or nothing. */
export function orderBy(exprs: readonly string[]): string | false {
  return exprs.length > 0 && `ORDER BY ${exprs.join(', ')}`;
}

/**
 * `SUM(col)` over the rows matching `cond`, 0 when none do. The COALESCE is for Druid:
 * it plans `SUM(CASE WHEN c THEN x ELSE 0 END)` as a filtered aggregator, which is NULL
 * (SQL-compatible null handling) when no row of the group matches.
 */
export function sumWhen(cond: string, column: string): string {
  return `COALESCE(SUM(CASE WHEN ${cond} THEN ${column} ELSE 0 END), 0)`;
}

/** `CAST(num AS DOUBLE) / NULLIF(den, 0)`: NULL, not an error or 0, when the denominator is 0. */
export function ratio(num: string, den: string): string {
  return `CAST(${num} AS DOUBLE) / NULLIF(${den}, 0)`;
}
