/**
 * Views: decoders that read only some fields of a gamepulse.v1 message. A consumer
 * that needs a few fields of every event (the processor's fold) skips the rest instead
 * of building strings and objects for them (processor/src/fold-view.ts says what that
 * saved).
 *
 * A view runs the generated decoder of the full message (generated/messages.ts) with a
 * mask of the fields to read, so the kept fields decode exactly as the full message's
 * do (same numbers, same types, same rules for repeated and merged fields), and a
 * left-out field is skipped like an unknown one, by its wire type. A left-out field is
 * absent from the decoded object; a kept one that is not on the wire reads as its
 * default. What a view cannot do is notice problems in what it skips (invalid UTF-8 in
 * a left-out string): where the full decode throws, a view may not. Naming a field
 * that does not exist throws, so a renamed field cannot silently drop out of a view.
 */
import { viewSchemas } from './generated/messages.ts';
import { view, viewClass, type View } from './wire/server-codec.ts';

const PACKAGE = 'gamepulse.v1';

/** Fields kept, per message type name (without the package); a type not listed keeps all its fields. */
export type ViewSpec = Readonly<Record<string, readonly string[]>>;

export interface MessageView<T> {
  decode(bytes: Uint8Array): T;
}

function schemaOf(name: string) {
  const s = Object.hasOwn(viewSchemas, name) ? viewSchemas[name] : undefined;
  if (!s) throw new Error(`view: ${PACKAGE}.${name} is not a message`);
  return s;
}

/** A decoder for `typeName` (e.g. 'IngestedBatch') that reads only the fields `keep` names. */
export function messageView<T>(typeName: string, keep: ViewSpec): MessageView<T> {
  for (const [name, fields] of Object.entries(keep)) {
    const s = schemaOf(name);
    for (const f of fields) if (!s.fields.includes(f)) throw new Error(`view: ${PACKAGE}.${name} has no field ${f}`);
  }
  const built = new Map<string, View>();
  const build = (name: string): View => {
    const known = built.get(name);
    if (known) return known;
    const s = schemaOf(name);
    const kept = Object.hasOwn(keep, name) ? keep[name]! : undefined;
    const subs = s.fields.map((f) => (Object.hasOwn(s.messages, f) && (!kept || kept.includes(f)) ? build(s.messages[f]!) : undefined));
    let v: View;
    if (!kept) v = subs.every((sub, i) => sub === s.full.s[i]) ? s.full : view(s.full.k, undefined, subs);
    else {
      let k = 0;
      const defaults: Record<string, unknown> = {};
      s.fields.forEach((f, i) => {
        if (!kept.includes(f)) return;
        k |= 2 ** i;
        if (Object.hasOwn(s.defaults, f)) defaults[f] = s.defaults[f];
      });
      v = view(k, viewClass(defaults), subs);
    }
    built.set(name, v);
    return v;
  };
  const root = build(typeName);
  const decode = schemaOf(typeName).decode;
  return { decode: (bytes) => decode(bytes, root) as T };
}
