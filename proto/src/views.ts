/**
 * Views: decoders that read only some fields of a gamepulse.v1 message, derived from
 * the .proto files at load time. A consumer that needs a few fields of every event
 * (the processor's fold) skips the rest instead of building strings and objects for
 * them (processor/src/fold-view.ts says what that saved).
 *
 * A view is the real schema with fields left out, so the kept fields decode exactly as
 * the full message's do (same numbers, same types, same rules for repeated and merged
 * fields); a left-out field is skipped like an unknown one, by its wire type — which
 * is how protobufjs treats a known field whose wire type does not match, too, so the
 * bytes are consumed identically. What a view cannot do is notice problems in what it
 * skips (invalid UTF-8 in a left-out string): where the full decode throws, a view may
 * not. Naming a field that does not exist throws, so a renamed field cannot silently
 * drop out of a view.
 *
 * Node only (it parses the .proto files and compiles decoders at runtime); the SDK does
 * not load it.
 */
import './messages.ts'; // protobufjs set up first: numbers for 64-bit, our oneof accessors and readers
import protobuf from 'protobufjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSchema } from './compat/load-schema.ts';

const PROTO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'gamepulse.v1';

/** Fields kept, per message type name (without the package); a type not listed keeps all its fields. */
export type ViewSpec = Readonly<Record<string, readonly string[]>>;

export interface MessageView<T> {
  decode(bytes: Uint8Array): T;
}

interface JsonType {
  fields: Record<string, unknown>;
  oneofs?: Record<string, { oneof: string[] }>;
}

let schemaJson: string | undefined;

/** The gamepulse.v1 messages as protobufjs JSON, camelCase as in the generated code; each view edits its own copy. */
function schema(): string {
  schemaJson ??= JSON.stringify(loadSchema(PROTO_ROOT, ['gamepulse/v1/topics.proto', 'gamepulse/v1/batch.proto'], { keepCase: false }));
  return schemaJson;
}

/** A decoder for `typeName` (e.g. 'IngestedBatch') that reads only the fields `keep` names. */
export function messageView<T>(typeName: string, keep: ViewSpec): MessageView<T> {
  const json = JSON.parse(schema()) as { nested: Record<string, { nested: Record<string, { nested: Record<string, JsonType> }> }> };
  const types = json.nested.gamepulse!.nested.v1!.nested;
  for (const [name, fields] of Object.entries(keep)) {
    const t = types[name];
    if (!t?.fields) throw new Error(`view: ${PACKAGE}.${name} is not a message`);
    for (const f of fields) if (!(f in t.fields)) throw new Error(`view: ${PACKAGE}.${name} has no field ${f}`);
    for (const f of Object.keys(t.fields)) if (!fields.includes(f)) delete t.fields[f];
    for (const [oneofName, o] of Object.entries(t.oneofs ?? {})) {
      o.oneof = o.oneof.filter((f) => fields.includes(f));
      if (o.oneof.length === 0) delete t.oneofs![oneofName];
    }
  }
  const type = protobuf.Root.fromJSON(json as protobuf.INamespace).lookupType(`${PACKAGE}.${typeName}`);
  return { decode: (bytes) => type.decode(bytes) as T };
}
