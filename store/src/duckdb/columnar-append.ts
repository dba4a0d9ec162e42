/**
 * Bulk rows for one commit, written as columns instead of value by value.
 *
 * Why: a commit of the embedded pipeline writes 10^4–10^5 rollup rows of nine short
 * strings each, and the row appender crosses from JS into DuckDB once per value, which
 * makes it the processor's largest single cost (docs/performance.md).
 * Here every string becomes a small integer code into one dictionary per commit (the
 * strings of a rollup row repeat endlessly: a few games, builds, platforms, countries,
 * event types, items), numbers go into typed arrays, and each column of up to 2048 rows
 * crosses once (`DuckDBDataChunk`). One `INSERT … SELECT` then turns codes back into
 * strings inside DuckDB, reading the dictionary as a list parameter.
 *
 * Everything happens on the commit's connection inside its transaction: the staging
 * table is a connection-local TEMP table, so a ROLLBACK drops the staged rows with the
 * rest.
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { withAppender } from './append.ts';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Codes strings in first-seen order, from 1 (DuckDB lists are 1-based). */
export class StringDictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      this.values.push(s);
      c = this.values.length;
      this.codes.set(s, c);
    }
    return c;
  }
}

/**
 * How one table is staged: its string columns (coded), then its number columns
 * (doubles; null allowed), in the staging table's column order.
 */
export interface ColumnarTable<Row> {
  /** TEMP table with `strings.length` INTEGER columns, then `numbers.length` DOUBLE columns. */
  stage: string;
  strings: ReadonlyArray<(row: Row) => string>;
  /** Each returns a checked number (throws on a bad value) or null. */
  numbers: ReadonlyArray<(row: Row) => number | null>;
  /** `INSERT INTO … SELECT … FROM <stage>`, where `$1` is the dictionary (VARCHAR[]). */
  insert: string;
  /** More `INSERT … SELECT … FROM <stage>` statements (same `$1`) run after `insert`, e.g. a day rollup. @default none */
  alsoInsert?: readonly string[];
}

/** The TEMP table a `ColumnarTable` stages into. */
export function stageTableSql(t: { stage: string; strings: readonly unknown[]; numbers: readonly unknown[] }): string {
  const cols = [...t.strings.map((_, i) => `s${i} INTEGER`), ...t.numbers.map((_, i) => `n${i} DOUBLE`)];
  return `CREATE TEMP TABLE IF NOT EXISTS ${t.stage} (${cols.join(', ')})`;
}

const insertSqls = new WeakMap<object, string>();

/**
 * The table's `insert` with the dictionary read from a one-row relation (`dict.l[sN]`)
 * rather than from the list parameter itself (`$1[sN]`). DuckDB indexes a list
 * parameter at a cost that grows with the list's length for every vector, so a commit
 * whose dictionary holds many player ids (step facts, player windows) paid per row in
 * proportion to the players in it; a list column of a joined row is read in place
 * (docs/performance.md, "Live-ops analytics").
 */
export function dictionaryInsertSql(table: Pick<ColumnarTable<unknown>, 'stage' | 'insert'>): string {
  let sql = insertSqls.get(table);
  if (sql !== undefined) return sql;
  const from = new RegExp(`FROM\\s+${table.stage}\\b`);
  if (!from.test(table.insert)) throw new Error(`columnar insert for ${table.stage} does not read FROM ${table.stage}`);
  // Functions as replacements: a '$1' in a replacement string would be read as a capture group.
  sql = table.insert.replace(/\$1\[/g, () => 'dict.l[').replace(from, () => `FROM ${table.stage}, (SELECT $1 AS l) AS dict`);
  insertSqls.set(table, sql);
  return sql;
}

/** Appends `rows` through the staging table; the caller owns the transaction. */
export async function appendColumnar<Row>(conn: DuckDBConnection, table: ColumnarTable<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const dict = new StringDictionary();
  const types: DuckDBType[] = [...table.strings.map(() => INTEGER), ...table.numbers.map(() => DOUBLE)];
  // The stage is empty here: the DELETE at the end runs in every commit that staged
  // rows, and a failed commit's ROLLBACK takes its staged rows away with the rest.
  await withAppender(
    conn,
    table.stage,
    (appender) => {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, rows.length - start);
        const chunk = DuckDBDataChunk.create(types, n);
        let col = 0;
        for (const get of table.strings) {
          const codes = new Array<number>(n);
          // Neighbouring rows mostly repeat a column's string (the accumulator drains a
          // window's rows together): reuse the previous code instead of a map lookup.
          let last: string | undefined;
          let lastCode = 0;
          for (let i = 0; i < n; i++) {
            const v = get(rows[start + i]!);
            if (v !== last) {
              last = v;
              lastCode = dict.code(v);
            }
            codes[i] = lastCode;
          }
          chunk.setColumnValues(col++, codes);
        }
        for (const get of table.numbers) {
          const values = new Array<number | null>(n);
          for (let i = 0; i < n; i++) values[i] = get(rows[start + i]!);
          chunk.setColumnValues(col++, values);
        }
        appender.appendDataChunk(chunk);
      }
    },
    'main',
    'temp',
  );
  await conn.run(dictionaryInsertSql(table), [listValue(dict.values)], [LIST(VARCHAR)]);
  for (const insert of table.alsoInsert ?? []) await conn.run(insert, [listValue(dict.values)], [LIST(VARCHAR)]);
  await conn.run(`DELETE FROM ${table.stage}`);
}
