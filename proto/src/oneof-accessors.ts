/**
 * Cheaper oneof accessors for the generated classes. protobufjs's stock ones cost more
 * than the rest of an event's decode: the getter builds `Object.keys(this)` on every
 * read, and the setter, which `decode` calls once per event for `payload`, runs
 * `delete` for each of the other ten payload fields. On the collector and the
 * processor these two were ~5 % of the busy CPU (profiles of `npm run bench`).
 *
 * Same meaning, less work: unset members live on the prototype as null, so the setter
 * deletes only a member that is really set (non-null: two payloads on the wire, or a
 * merge; the last one wins, as before), and the getter returns the member that is set.
 * Both are compiled per oneof with the member names written out, so every property
 * read is a plain named load (a loop over names made them megamorphic keyed loads,
 * still ~4 % of the busy CPU).
 *
 * Like numbers-not-longs.ts, this must be evaluated BEFORE the generated code, which
 * builds its accessors at load time; messages.ts imports it first.
 */
import $protobuf from 'protobufjs/minimal.js';

type Message = Record<string, unknown>;

/** Field names come from our .proto files; anything else is refused rather than compiled. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function checkedNames(fieldNames: readonly string[]): readonly string[] {
  for (const n of fieldNames) if (!IDENTIFIER.test(n)) throw new Error(`oneof member name is not an identifier: ${JSON.stringify(n)}`);
  return fieldNames;
}

$protobuf.util.oneOfGetter = function oneOfGetter(fieldNames: string[]) {
  const body = checkedNames(fieldNames)
    .map((n) => `if (this.${n} !== undefined && this.${n} !== null) return ${JSON.stringify(n)};`)
    .join('\n');
  return new Function(`${body}\nreturn undefined;`) as (this: Message) => string | undefined;
} as typeof $protobuf.util.oneOfGetter;

$protobuf.util.oneOfSetter = function oneOfSetter(fieldNames: string[]) {
  // An explicit own null is unset already; leaving it costs nothing and reads the same.
  const body = checkedNames(fieldNames)
    .map((n) => `if (name !== ${JSON.stringify(n)} && this.${n} != null) delete this.${n};`)
    .join('\n');
  return new Function('name', body) as (this: Message, name: string | undefined) => void;
} as typeof $protobuf.util.oneOfSetter;
