/**
 * Schema migration 6: `region` and `subregion` (UN M49, derived from `country` by the
 * processor: proto/src/regions.ts) on `rollups` and `player_windows`, and
 * `rollups.late_events` (events behind their partition's watermark, a sum). Rows
 * written before it get their region from their country here, with the same table,
 * so slicing by region covers old data too; their `late_events` is 0 (not measured).
 */
import { REGION_COUNTRIES, regionOf } from '@gamepulse/proto';
import { literal } from './sql-literal.ts';

/** DuckDB cannot add a column with a constraint in one statement: add with a default, then constrain. */
function addColumn(table: string, column: string, type: string, defaultSql: string): string[] {
  return [
    `ALTER TABLE ${table} ADD COLUMN ${column} ${type} DEFAULT ${defaultSql}`,
    `ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`,
  ];
}

export function regionMigrationStatements(): string[] {
  const values = REGION_COUNTRIES.map((c) => {
    const r = regionOf(c);
    return `(${literal(c)}, ${literal(r.region)}, ${literal(r.subregion)})`;
  }).join(', ');
  const backfill = (table: string) =>
    `UPDATE ${table} SET region = m.region, subregion = m.subregion
     FROM (VALUES ${values}) AS m(country, region, subregion) WHERE ${table}.country = m.country`;
  return [
    ...addColumn('rollups', 'region', 'VARCHAR', "''"),
    ...addColumn('rollups', 'subregion', 'VARCHAR', "''"),
    ...addColumn('rollups', 'late_events', 'BIGINT', '0'),
    ...addColumn('player_windows', 'region', 'VARCHAR', "''"),
    ...addColumn('player_windows', 'subregion', 'VARCHAR', "''"),
    backfill('rollups'),
    backfill('player_windows'),
  ];
}
