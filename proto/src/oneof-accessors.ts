/**
 * Cheaper oneof accessors for the generated classes. protobufjs's stock ones cost more
 * than the rest of an event's decode: the getter builds `Object.keys(this)` on every
 * read, and the setter, which `decode` calls once per event for `payload`, runs
 * `delete` for each of the other ten payload fields. On the collector and the
 * processor these two were ~7 % of all CPU (profiles of `npm run bench`).
 *
 * Same meaning, less work: unset members live on the prototype as null, so the setter
 * deletes only a member that is really set (non-null) (two payloads on the wire, or a merge: the
 * last one wins, as before), and the getter returns the member that is set.
 *
 * Like numbers-not-longs.ts, this must be evaluated BEFORE the generated code, which
 * builds its accessors at load time; messages.ts imports it first.
 */
import $protobuf from 'protobufjs/minimal.js';

type Message = Record<string, unknown>;

$protobuf.util.oneOfGetter = function oneOfGetter(fieldNames: string[]) {
  const names = fieldNames.slice();
  return function (this: Message): string | undefined {
    for (let i = 0; i < names.length; i++) {
      const v = this[names[i]!];
      if (v !== undefined && v !== null) return names[i];
    }
    return undefined;
  };
} as typeof $protobuf.util.oneOfGetter;

$protobuf.util.oneOfSetter = function oneOfSetter(fieldNames: string[]) {
  const names = fieldNames.slice();
  return function (this: Message, name: string | undefined): void {
    for (let i = 0; i < names.length; i++) {
      const other = names[i]!;
      // An explicit own null is unset already; leaving it costs nothing and reads the same.
      if (other !== name && this[other] != null) delete this[other];
    }
  };
} as typeof $protobuf.util.oneOfSetter;
