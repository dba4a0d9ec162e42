/**
 * Generates `src/generated/messages.ts`: the codec of every gamepulse.v1 message for
 * the services (collector, processor, loader), straight from the .proto files — the
 * schema stays the one source of truth. Per message:
 *
 * - `XData`, what encode accepts (every field optional), and `XMessage`, what decode
 *   returns (scalars, repeated and map fields always present with their defaults,
 *   message fields and oneof members when on the wire, each oneof's set member named
 *   in a plain field: `payload: 'purchase'`);
 * - a straight-line decoder over src/wire/server-read.ts: 64-bit values as numbers
 *   read without allocating, strings strict UTF-8 and flat, unknown fields (and known
 *   ones with an unexpected wire type) skipped, a repeated message field merged into
 *   the one before, the last oneof member on the wire the one that is set. It takes a
 *   view (server-codec.ts), so that src/views.ts can decode only some fields with the
 *   same code;
 * - a straight-line encoder over src/wire/server-write.ts (proto3: defaults left out);
 * - toObject with protobufjs's conversion options.
 *
 * `v1` holds the codecs (`v1.Event.decode(bytes)`, `v1.Event.encode(m).finish()`),
 * `viewSchemas` what views need. Unsupported field types fail generation rather than
 * produce a wrong codec. `src/messages.test.ts` checks the codec against protobufjs's
 * reflection on the same .proto files.
 *
 * Usage: tsx proto/scripts/generate.ts (writes every generated file; --check compares)
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { protoRoot } from './schema-files.ts';
import { loadRoot } from './generate-sdk-wire.ts';

export const messagesFile = join(protoRoot, 'src/generated/messages.ts');

interface Scalar {
  ts: string;
  wire: number;
  read: string;
  write: string;
  zero: string;
  /** How toObject converts a value `v` (undefined: as it is). */
  out?: (v: string) => string;
  /** The value's default, as toObject's `defaults` writes it. */
  outZero?: string;
}

const SCALARS: Record<string, Scalar> = {
  string: { ts: 'string', wire: 2, read: 'r.string(rd)', write: 'stringField', zero: "''" },
  bytes: {
    ts: 'Uint8Array',
    wire: 2,
    read: 'r.bytes(rd)',
    write: 'bytesField',
    zero: 'new Uint8Array(0)',
    out: (v) => `c.bytesOut(${v}, o)`,
    outZero: "o.bytes === String ? '' : o.bytes === Array ? [] : new Uint8Array(0)",
  },
  bool: { ts: 'boolean', wire: 0, read: 'r.bool(rd)', write: 'boolField', zero: 'false' },
  double: { ts: 'number', wire: 1, read: 'r.double(rd)', write: 'doubleField', zero: '0', out: (v) => `c.doubleOut(${v}, o)` },
  int32: { ts: 'number', wire: 0, read: 'r.int32(rd)', write: 'int32Field', zero: '0' },
  uint32: { ts: 'number', wire: 0, read: 'r.uint32(rd)', write: 'uint32Field', zero: '0' },
  int64: {
    ts: 'number',
    wire: 0,
    read: 'r.int64(rd)',
    write: 'int64Field',
    zero: '0',
    out: (v) => `c.longOut(${v}, o)`,
    outZero: "o.longs === String ? '0' : 0",
  },
  uint64: {
    ts: 'number',
    wire: 0,
    read: 'r.uint64(rd)',
    write: 'int64Field',
    zero: '0',
    out: (v) => `c.longOut(${v}, o)`,
    outZero: "o.longs === String ? '0' : 0",
  },
};

function unsupported(t: protobuf.Type, f: protobuf.Field, why = ''): never {
  throw new Error(
    `generate-messages: ${t.name}.${f.name} (${f.type}${f.repeated ? ', repeated' : ''}${f.map ? ', map' : ''}) is not supported${why ? `: ${why}` : ''}; extend the generator`,
  );
}

const isMessage = (f: protobuf.Field): f is protobuf.Field & { resolvedType: protobuf.Type } => f.resolvedType instanceof protobuf.Type;
const isEnum = (f: protobuf.Field): f is protobuf.Field & { resolvedType: protobuf.Enum } => f.resolvedType instanceof protobuf.Enum;

/** The scalar behaviour of a non-message field (enums are int32 on the wire). */
function scalarOf(t: protobuf.Type, f: protobuf.Field, type = f.type): Scalar {
  if (isEnum(f) && type === f.type)
    return {
      ...SCALARS.int32!,
      out: (v) => `c.enumOut(${v}, ${enumConst(f.resolvedType)}_NAMES, o)`,
      outZero: `o.enums === String ? ${JSON.stringify(f.resolvedType.valuesById[0] ?? 0)} : 0`,
    };
  return SCALARS[type] ?? unsupported(t, f);
}

/** Exported name of an enum: its parent message's name and its own (Progression.Status → ProgressionStatus). */
function enumConst(e: protobuf.Enum): string {
  return e.parent instanceof protobuf.Type ? `${e.parent.name}${e.name}` : e.name;
}

const fieldsOf = (t: protobuf.Type) => [...t.fieldsArray].sort((a, b) => a.id - b.id);
const bit = (i: number) => `0x${(2 ** i).toString(16)}`;

function allTypes(root: protobuf.Root): protobuf.Type[] {
  const ns = root.lookup('gamepulse.v1') as protobuf.Namespace;
  const out: protobuf.Type[] = [];
  const visit = (n: protobuf.NamespaceBase) => {
    for (const c of n.nestedArray) {
      if (c instanceof protobuf.Type) {
        out.push(c);
        visit(c);
      }
    }
  };
  visit(ns);
  for (const t of out)
    if (t.parent !== ns) throw new Error(`generate-messages: nested message ${t.fullName} is not supported; extend the generator`);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function allEnums(types: protobuf.Type[], root: protobuf.Root): protobuf.Enum[] {
  const ns = root.lookup('gamepulse.v1') as protobuf.Namespace;
  const out = ns.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum);
  for (const t of types) out.push(...t.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum));
  return out.sort((a, b) => enumConst(a).localeCompare(enumConst(b)));
}

/** Messages in dependency order (a message after every message it contains). */
function dependencyOrder(types: protobuf.Type[]): protobuf.Type[] {
  const out: protobuf.Type[] = [];
  const state = new Map<protobuf.Type, 'visiting' | 'done'>();
  const visit = (t: protobuf.Type) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`generate-messages: ${t.name} contains itself; recursive messages are not supported`);
    state.set(t, 'visiting');
    for (const f of fieldsOf(t)) if (isMessage(f)) visit(f.resolvedType);
    state.set(t, 'done');
    out.push(t);
  };
  for (const t of types) visit(t);
  return out;
}

function enumCode(e: protobuf.Enum): string {
  const name = enumConst(e);
  const entries = Object.entries(e.values);
  return [
    `/** gamepulse.v1.${e.parent instanceof protobuf.Type ? `${e.parent.name}.` : ''}${e.name}: value by name. */`,
    `export const ${name} = Object.freeze({ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} } as const);`,
    `const ${name}_NAMES: Readonly<Record<number, string>> = { ${entries.map(([k, v]) => `${v}: ${JSON.stringify(k)}`).join(', ')} };`,
  ].join('\n');
}

function oneofMembers(t: protobuf.Type): Array<[string, string[]]> {
  return t.oneofsArray.map((o) => [o.name, o.fieldsArray.map((f) => f.name)]);
}

function checkField(t: protobuf.Type, f: protobuf.Field): void {
  if (f.map) {
    const mf = f as unknown as protobuf.MapField;
    if (mf.keyType !== 'string') unsupported(t, f, 'map keys other than string');
    if (isMessage(f)) unsupported(t, f, 'map values that are messages');
    scalarOf(t, f, mf.type);
    return;
  }
  if (f.repeated && !isMessage(f)) unsupported(t, f, 'repeated scalars (packed encoding)');
  if (!isMessage(f)) scalarOf(t, f);
}

function interfaces(t: protobuf.Type): string {
  const data: string[] = [];
  const decoded: string[] = [];
  for (const f of fieldsOf(t)) {
    checkField(t, f);
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      const v = scalarOf(t, f, mf.type).ts;
      data.push(`  ${f.name}?: { [k: string]: ${v} } | null;`);
      decoded.push(`  ${f.name}: { [k: string]: ${v} };`);
    } else if (isMessage(f)) {
      const n = f.resolvedType.name;
      data.push(`  ${f.name}?: ${f.repeated ? `${n}Data[]` : `${n}Data`} | null;`);
      decoded.push(f.repeated ? `  ${f.name}: ${n}Message[];` : `  ${f.name}?: ${n}Message;`);
    } else {
      const ts = scalarOf(t, f).ts;
      data.push(`  ${f.name}?: ${ts} | null;`);
      decoded.push(`  ${f.name}: ${ts};`);
    }
  }
  for (const [name, members] of oneofMembers(t))
    decoded.push(`  /** Which member of oneof ${name} is set. */`, `  ${name}?: ${members.map((m) => JSON.stringify(m)).join(' | ')};`);
  return [
    `/** gamepulse.v1.${t.name} as encode accepts it: every field optional. */`,
    `export interface ${t.name}Data {`,
    ...data,
    '}',
    '',
    `/** gamepulse.v1.${t.name} as decoded: defaults filled in; message fields and oneof members only when on the wire. */`,
    `export interface ${t.name}Message {`,
    ...decoded,
    '}',
  ].join('\n');
}

/** The object literal of a fully decoded message, every field in place so that all share one shape. */
function literal(t: protobuf.Type): string {
  const parts = fieldsOf(t).map((f) => {
    if (f.map) return `${f.name}: {}`;
    if (isMessage(f)) return f.repeated ? `${f.name}: []` : `${f.name}: undefined`;
    return `${f.name}: ${scalarOf(t, f).zero}`;
  });
  for (const [name] of oneofMembers(t)) parts.push(`${name}: undefined`);
  return `{ ${parts.join(', ')} }`;
}

function decoder(t: protobuf.Type): string {
  const fields = fieldsOf(t);
  if (fields.length > 31) throw new Error(`generate-messages: ${t.name} has more than 31 fields; views need a wider mask`);
  const fresh: string[] = [];
  const cases: string[] = [];
  fields.forEach((f, i) => {
    const m = `m.${f.name}`;
    const body: string[] = [];
    let wire: number;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      const s = scalarOf(t, f, mf.type);
      wire = 2;
      fresh.push(`if (k & ${bit(i)}) m.${f.name} = {};`);
      body.push(
        'const e = r.length(rd);',
        `let key = '';`,
        `let value: ${s.ts} = ${s.zero};`,
        'while (rd.p < e) {',
        '  const t2 = r.tag(rd);',
        '  if (t2 === 10) key = r.string(rd);',
        `  else if (t2 === ${16 + s.wire}) value = ${s.read};`,
        '  else r.skip(rd, t2);',
        '}',
        'r.atEnd(rd, e);',
        `r.setEntry(${m}, key, value);`,
      );
    } else if (isMessage(f)) {
      wire = 2;
      const read = `read${f.resolvedType.name}(rd, r.length(rd), v.s[${i}]!, `;
      if (f.repeated) {
        fresh.push(`if (k & ${bit(i)}) m.${f.name} = [];`);
        body.push(`${m}.push(${read}undefined));`);
      } else if (f.partOf) {
        const oneof = f.partOf.name;
        body.push(
          `if (m.${oneof} !== undefined && m.${oneof} !== ${JSON.stringify(f.name)}) (m as unknown as Record<string, unknown>)[m.${oneof}] = undefined;`,
          `${m} = ${read}${m});`,
          `m.${oneof} = ${JSON.stringify(f.name)};`,
        );
      } else body.push(`${m} = ${read}${m});`);
    } else {
      const s = scalarOf(t, f);
      wire = s.wire;
      if (f.partOf) unsupported(t, f, 'scalar oneof members');
      body.push(`${m} = ${s.read};`);
    }
    cases.push(
      `      case ${f.id * 8 + wire}:`,
      `        if (k & ${bit(i)}) {`,
      ...body.map((l) => `          ${l}`),
      '          continue;',
      '        }',
      '        break;',
    );
  });
  const name = t.name;
  return [
    `function read${name}(rd: r.Reader, end: number, v: c.View, into: ${name}Message | undefined): ${name}Message {`,
    '  const k = v.k;',
    '  let m = into;',
    '  if (m === undefined) {',
    `    if (v.C === undefined) m = ${literal(t)};`,
    '    else {',
    `      m = new v.C() as ${name}Message;`,
    ...fresh.map((l) => `      ${l}`),
    '    }',
    '  }',
    '  while (rd.p < end) {',
    '    const t = r.tag(rd);',
    '    switch (t) {',
    ...cases,
    '    }',
    '    r.skip(rd, t);',
    '  }',
    '  r.atEnd(rd, end);',
    '  return m;',
    '}',
  ]
    .join('\n')
    .replace('    switch (t) {\n    }\n', '');
}

function encoder(t: protobuf.Type): string {
  const lines = fieldsOf(t).map((f) => {
    const v = `m.${f.name}`;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      const s = scalarOf(t, f, mf.type);
      const write =
        s.write === 'stringField' ? 'w.stringValue' : s.write === 'int64Field' ? 'w.int64' : unsupported(t, f, 'map value type');
      return `  w.mapField(${f.id * 8 + 2}, ${v}, ${16 + s.wire}, ${write});`;
    }
    if (isMessage(f)) return `  w.${f.repeated ? 'repeatedField' : 'messageField'}(${f.id * 8 + 2}, ${v}, write${f.resolvedType.name});`;
    const s = scalarOf(t, f);
    return `  w.${s.write}(${f.id * 8 + s.wire}, ${v});`;
  });
  return [`function write${t.name}(m: ${t.name}Data): void {`, ...lines, '}'].join('\n');
}

function toObject(t: protobuf.Type): string {
  const lists: string[] = [];
  const defaults: string[] = [];
  const copies: string[] = [];
  for (const f of fieldsOf(t)) {
    const v = `m.${f.name}`;
    const d = `d.${f.name}`;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      const s = scalarOf(t, f, mf.type);
      lists.push(`if (o.objects || o.defaults) ${d} = {};`);
      const conv = s.out ? s.out('x[key]!') : 'x[key]';
      copies.push(
        `if (${v} != null) {`,
        `  const x = ${v};`,
        '  const keys = Object.keys(x);',
        '  if (keys.length) {',
        '    const out: Record<string, unknown> = {};',
        `    for (const key of keys) r.setEntry(out, key, ${conv});`,
        `    ${d} = out;`,
        '  }',
        '}',
      );
    } else if (isMessage(f)) {
      const n = f.resolvedType.name;
      if (f.repeated) {
        lists.push(`if (o.arrays || o.defaults) ${d} = [];`);
        copies.push(`if (${v} != null && ${v}.length) ${d} = Array.from(${v}, (x) => toObject${n}(x, o));`);
      } else {
        if (!f.partOf) defaults.push(`${d} = null;`);
        copies.push(
          `if (${v} != null) {`,
          `  ${d} = toObject${n}(${v}, o);`,
          ...(f.partOf ? [`  if (o.oneofs) d.${f.partOf.name} = ${JSON.stringify(f.name)};`] : []),
          '}',
        );
      }
    } else {
      const s = scalarOf(t, f);
      defaults.push(`${d} = ${s.outZero ?? s.zero};`);
      const set = f.type === 'bytes' ? `${v}.length !== 0` : f.type === 'double' ? `!Object.is(${v}, 0)` : `${v} !== ${s.zero}`;
      copies.push(`if (${v} != null && ${set}) ${d} = ${s.out ? s.out(v) : v};`);
    }
  }
  return [
    `function toObject${t.name}(m: ${t.name}Data, o: c.ToObjectOptions): { [k: string]: any } {`,
    '  const d: { [k: string]: any } = {};',
    ...lists.map((l) => `  ${l}`),
    ...(defaults.length ? ['  if (o.defaults) {', ...defaults.map((l) => `    ${l}`), '  }'] : []),
    ...copies.map((l) => `  ${l}`),
    '  return d;',
    '}',
  ].join('\n');
}

function codec(t: protobuf.Type): string {
  const n = t.name;
  return [
    `const ${n}Codec = {`,
    `  /** Encodes gamepulse.v1.${n} (proto3: scalars equal to their default are left out); \`.finish()\` gives the bytes. */`,
    `  encode(m: ${n}Data): c.Encoded {`,
    '    w.begin();',
    `    write${n}(m);`,
    '    return new c.Encoded(w.finish());',
    '  },',
    `  /** Decodes gamepulse.v1.${n}; throws on bytes that are not one (truncated, invalid UTF-8, bad lengths or tags). */`,
    `  decode(bytes: Uint8Array): ${n}Message {`,
    `    return read${n}(r.reader(bytes), bytes.length, FULL_${n}, undefined);`,
    '  },',
    '  /** A plain object of the fields that differ from their defaults (all of them with `defaults`), converted as `o` says. */',
    `  toObject(m: ${n}Data, o: c.ToObjectOptions = {}): { [k: string]: any } {`,
    `    return toObject${n}(m, o);`,
    '  },',
    '};',
  ].join('\n');
}

function fullView(t: protobuf.Type): string {
  const fields = fieldsOf(t);
  const subs = fields.map((f) => (isMessage(f) ? `FULL_${f.resolvedType.name}` : 'undefined'));
  return `const FULL_${t.name} = c.view(0x${(2 ** fields.length - 1).toString(16)}, undefined, [${subs.join(', ')}]);`;
}

function viewSchema(t: protobuf.Type): string {
  const fields = fieldsOf(t);
  const messages = fields.filter(isMessage).map((f) => `${f.name}: ${JSON.stringify(f.resolvedType.name)}`);
  const defaults = fields.filter((f) => !f.map && !isMessage(f)).map((f) => `${f.name}: ${scalarOf(t, f).zero}`);
  return [
    `  ${t.name}: {`,
    `    fields: [${fields.map((f) => JSON.stringify(f.name)).join(', ')}],`,
    `    messages: { ${messages.join(', ')} },`,
    `    defaults: { ${defaults.join(', ')} },`,
    `    full: FULL_${t.name},`,
    `    decode: (bytes: Uint8Array, v: c.View): object => read${t.name}(r.reader(bytes), bytes.length, v, undefined),`,
    '  },',
  ].join('\n');
}

export function generateMessages(): string {
  const root = loadRoot();
  const types = allTypes(root);
  const ordered = dependencyOrder(types);
  return [
    '// GENERATED by proto/scripts/generate-messages.ts from gamepulse/v1/*.proto — do not edit.',
    '// Run `npm run proto:gen` after changing a .proto file.',
    "import * as c from '../wire/server-codec.ts';",
    "import * as r from '../wire/server-read.ts';",
    "import * as w from '../wire/server-write.ts';",
    '',
    ...allEnums(types, root).flatMap((e) => [enumCode(e), '']),
    ...types.flatMap((t) => [interfaces(t), '']),
    ...types.flatMap((t) => [decoder(t), '', encoder(t), '', toObject(t), '']),
    '// Views of every field, the ones decode uses.',
    ...ordered.map(fullView),
    '',
    ...types.flatMap((t) => [codec(t), '']),
    '/** The codecs of gamepulse.v1, by message name. */',
    `export const v1 = { ${types.map((t) => `${t.name}: ${t.name}Codec`).join(', ')} } as const;`,
    '',
    '/** What src/views.ts needs per message: field names in view-bit order, message-typed fields, scalar defaults, a decoder taking a view. */',
    'export interface ViewSchema {',
    '  readonly fields: readonly string[];',
    '  readonly messages: Readonly<Record<string, string>>;',
    '  readonly defaults: Readonly<Record<string, unknown>>;',
    '  /** The view of every field, as decode uses it. */',
    '  readonly full: c.View;',
    '  /** A plain function (no `this`): callers may take it off the schema. */',
    '  readonly decode: (bytes: Uint8Array, v: c.View) => object;',
    '}',
    '',
    'export const viewSchemas: Readonly<Record<string, ViewSchema>> = {',
    ...types.map(viewSchema),
    '};',
    '',
  ].join('\n');
}
