/**
 * SQL over the `variant` column's assignment sets (druid/README.md, "A/B readout"): a
 * player row carries every assignment of its player as of its events, one
 * `experiment:variant` per experiment, sorted by experiment and comma-joined
 * ("onboarding:guided,shop_layout:grid"); an exposure's rollup row carries the one it
 * exposes. Element tests and extraction read the same on DuckDB and Druid SQL:
 *
 * | what | SQL (both engines) |
 * |---|---|
 * | assigned to `exp:var` | `(',' || COALESCE(variant, '') || ',') LIKE '%,exp:var,%' ESCAPE '\'` (value bound as a parameter) |
 * | in experiment `exp` | `(',' || COALESCE(variant, '') || ',') LIKE '%,exp:%' ESCAPE '\'` |
 * | `exp`'s variant of the row | `COALESCE(REGEXP_EXTRACT(variant, '(^|,)(exp:[^,]*)', 2), '')` ('' when not in it) |
 *
 * REGEXP_EXTRACT's pattern must be a literal in Druid: the experiment name is inlined,
 * regex-escaped, as an SQL string literal (quotes doubled), never concatenated raw.
 */

/** `s` with LIKE's wildcards and the escape character escaped (ESCAPE '\'). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `s` with every regex metacharacter escaped (Java regex and RE2 alike). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`);
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The comma-framed set: every element, first and last included, sits between commas. */
const FRAMED = `(',' || COALESCE(variant, '') || ',')`;

/** A condition: the row's set contains `exp:var`; `param` binds the LIKE pattern. */
export function assignedTo(assignment: string, param: (value: string) => string): string {
  return `${FRAMED} LIKE ${param(`%,${escapeLike(assignment)},%`)} ESCAPE '\\'`;
}

/** A condition: the row's set has a variant of `experiment`; `param` binds the LIKE pattern. */
export function inExperiment(experiment: string, param: (value: string) => string): string {
  return `${FRAMED} LIKE ${param(`%,${escapeLike(experiment)}:%`)} ESCAPE '\\'`;
}

/** `experiment`'s `experiment:variant` of the row's set, '' when the row is not in it. */
export function experimentVariant(experiment: string): string {
  return `COALESCE(REGEXP_EXTRACT(variant, ${sqlString(`(^|,)(${escapeRegex(experiment)}:[^,]*)`)}, 2), '')`;
}
