/** A SQL string literal for a constant this package writes (migrations), never for caller input. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
