/**
 * Small helpers every KPI renders with: the common WHERE (time range and dimension
 * filters, values always as parameters), the optional bucket column, and string
 * literals for the KPI's own constants.
 */
import type { Dialect } from './dialect.ts';
import type { KpiQuery, ResolvedKpiParams } from './types.ts';

/** A SQL string literal for a constant written in this library (never for caller input). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The bucket column's name in every bucketed KPI. */
export const BUCKET_COLUMN = 'bucket_start_ms';

/** SELECT/GROUP BY/ORDER BY pieces for the bucket column, empty for granularity 'all'. */
export function bucket(p: ResolvedKpiParams, d: Dialect): { select: string[]; group: string[]; order: string[]; columns: string[] } {
  if (p.granularity === 'all') return { select: [], group: [], order: [], columns: [] };
  const expr = d.bucketStartMs(p.granularity);
  return { select: [`${expr} AS ${BUCKET_COLUMN}`], group: [expr], order: [BUCKET_COLUMN], columns: [BUCKET_COLUMN] };
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
   * game/platform/country/build filters that were given, then `conditions`.
   */
  where(p: ResolvedKpiParams, conditions: readonly string[] = []): string {
    const { timeColumn: t, timeLiteral } = this.dialect;
    const parts = [`${t} >= ${timeLiteral(p.fromMs)}`, `${t} < ${timeLiteral(p.toMs)}`];
    if (p.game !== undefined) parts.push(`game_id = ${this.param(p.game)}`);
    if (p.platform !== undefined) parts.push(`platform = ${this.param(p.platform)}`);
    if (p.country !== undefined) parts.push(`country = ${this.param(p.country)}`);
    if (p.build !== undefined) parts.push(`build = ${this.param(p.build)}`);
    return `WHERE ${[...parts, ...conditions].join('\n  AND ')}`;
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
