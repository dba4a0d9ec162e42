/**
 * int64 fields as JS numbers. The proto package generates with `--force-number`, so a
 * field present on the wire decodes to a number; but an ABSENT int64 field reads the
 * prototype default, which protobufjs builds as a `Long` whenever the `long` package
 * is resolvable (it is, transitively) — despite the `number` type in the .d.ts. Every
 * int64 the processor reads goes through here.
 */
export function int64(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value != null && typeof (value as { toNumber?: unknown }).toNumber === 'function') return (value as { toNumber(): number }).toNumber();
  return 0;
}
