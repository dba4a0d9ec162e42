/**
 * Generates `src/generated/sdk-wire.ts`: a minimal codec for the messages the client
 * SDK puts on the wire (EventBatch with Event, Context, SdkHealth and the payloads) and
 * reads back (BatchAck, StreamReply and what they contain), straight from the .proto
 * files — the schema stays the one source of truth. It replaces protobufjs + long.js
 * in the browser bundle (~40 KB gzip → a few KB): a straight-line encoder per message
 * the SDK sends (fast: it runs in every track() call) in `sdk-wire.ts`, over
 * src/wire/write.ts, and a straight-line decoder per message it reads in
 * `sdk-wire-read.ts`, over src/wire/read.ts — two modules, so that a bundle that only
 * writes (the browser core) carries no decoder.
 *
 * Encoding follows proto3: scalars equal to their default are not written, message
 * fields and oneof members are written when present (a oneof member that is an empty
 * message is still written, so the choice survives). Decoding fills every field with
 * its default, 64-bit values as numbers. `src/sdk-wire.test.ts` checks both directions
 * against the server-side codec (generated/messages.ts, generate-messages.ts).
 *
 * Usage: tsx proto/scripts/generate.ts [--check]   (writes or checks every generated file)
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { protoFiles, protoRoot } from './schema-files.ts';

/** The encoders (what the browser core needs). */
export const sdkWireFile = join(protoRoot, 'src/generated/sdk-wire.ts');
/** The decoders, a module of their own so that bundles that only write leave them out. */
export const sdkWireReadFile = join(protoRoot, 'src/generated/sdk-wire-read.ts');

/**
 * Roots of what the SDK encodes and decodes; their message fields come along. Only the
 * roots (and Event, which the SDK encodes once per track()) get an exported function.
 */
const ENCODE_ROOTS = ['EventBatch', 'Event'];
const DECODE_ROOTS = ['BatchAck', 'StreamReply', 'EventBatch'];

const VARINT_UNSIGNED = new Set(['uint32', 'uint64']);
const VARINT_SIGNED = new Set(['int32', 'int64']);

/** The gamepulse.v1 schema, resolved, field names in camelCase as the generated code uses them. */
export function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protoRoot, target);
  root.loadSync(protoFiles, { keepCase: false });
  root.resolveAll();
  return root;
}

function closure(root: protobuf.Root, names: string[]): protobuf.Type[] {
  const seen = new Map<string, protobuf.Type>();
  const visit = (t: protobuf.Type) => {
    if (seen.has(t.name)) return;
    seen.set(t.name, t);
    for (const f of t.fieldsArray) if (f.resolvedType instanceof protobuf.Type) visit(f.resolvedType);
  };
  for (const n of names) visit(root.lookupType(`gamepulse.v1.${n}`));
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function unsupported(t: protobuf.Type, f: protobuf.Field): never {
  throw new Error(
    `generate-sdk-wire: ${t.name}.${f.name} (${f.type}${f.repeated ? ', repeated' : ''}) is not supported; extend the generator`,
  );
}

function wireTypeOf(f: protobuf.Field, type: string): number {
  if ((f.resolvedType instanceof protobuf.Type && type === f.type) || type === 'string' || type === 'bytes') return 2;
  return type === 'double' ? 1 : 0;
}

/** The runtime's writer for a value of `type` (field `f`'s own type, or a map's value type). */
function writerOf(t: protobuf.Type, f: protobuf.Field, type: string): string {
  if (f.resolvedType instanceof protobuf.Type && type === f.type) return 'Message';
  if (type === 'string') return 'String';
  if (type === 'bool') return 'Bool';
  if (type === 'double') return 'Double';
  if (type === 'bytes') return 'Bytes';
  if ((f.resolvedType instanceof protobuf.Enum && type === f.type) || VARINT_SIGNED.has(type) || VARINT_UNSIGNED.has(type)) return 'Varint';
  return unsupported(t, f);
}

/**
 * Straight-line encoder per message, one runtime call per field (`w.stringField(tag, v)`
 * writes the tag and the value when the value is set): as fast as inline code for
 * track(), and small in the browser bundle.
 */
function encoder(t: protobuf.Type): string {
  const lines: string[] = [];
  for (const f of [...t.fieldsArray].sort((a, b) => a.id - b.id)) {
    const v = `m.${f.name}`;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      if (mf.keyType !== 'string') unsupported(t, f);
      // Key and value are always written (protobufjs does the same for map entries).
      const write = `w.${writerOf(t, f, mf.type).toLowerCase()}`;
      lines.push(`  if (${v}) for (const k in ${v}) w.entryField(${f.id * 8 + 2}, k, ${v}[k]!, ${16 + wireTypeOf(f, mf.type)}, ${write});`);
      continue;
    }
    const tag = f.id * 8 + wireTypeOf(f, f.type);
    const writer = writerOf(t, f, f.type);
    const extra = writer === 'Message' ? `, write${f.resolvedType!.name}` : '';
    if (f.repeated) {
      if (writer !== 'Message') unsupported(t, f);
      lines.push(`  if (${v}) for (const x of ${v}) w.messageField(${tag}, x${extra});`);
    } else lines.push(`  w.${writer.toLowerCase()}Field(${tag}, ${v}${extra});`);
  }
  const write = [`function write${t.name}(m: pb.${t.name}Data): void {`, ...lines, '}'];
  if (!ENCODE_ROOTS.includes(t.name)) return write.join('\n');
  return [
    ...write,
    '',
    `/** Encodes gamepulse.v1.${t.name} (proto3: scalars equal to their default are left out). */`,
    `export function encode${t.name}(m: pb.${t.name}Data): Uint8Array {`,
    '  w.begin();',
    `  write${t.name}(m);`,
    '  return w.finish();',
    '}',
  ].join('\n');
}

/** The runtime's reader for a scalar of `type`: int32, int64 and enums are signed, uint32/uint64 are not. */
function readerOf(t: protobuf.Type, f: protobuf.Field, type: string): string {
  if (f.resolvedType instanceof protobuf.Enum && type === f.type) return 'w.readSigned(r)';
  if (VARINT_SIGNED.has(type)) return 'w.readSigned(r)';
  if (VARINT_UNSIGNED.has(type)) return 'w.readVarint(r)';
  switch (type) {
    case 'string':
      return 'w.readString(r)';
    case 'bool':
      return 'w.readVarint(r) !== 0';
    case 'double':
      return 'w.readDouble(r)';
    case 'bytes':
      return 'w.readBytes(r)';
  }
  return unsupported(t, f);
}

function defaultOf(type: string): string {
  if (type === 'string') return "''";
  if (type === 'bool') return 'false';
  if (type === 'bytes') return 'new Uint8Array(0)';
  return '0';
}

/**
 * Straight-line decoder per message: every field present with its default (message
 * fields only when on the wire), 64-bit values as numbers, unknown fields skipped.
 */
function decoder(t: protobuf.Type): string {
  const init: string[] = [];
  const cases: string[] = [];
  for (const f of [...t.fieldsArray].sort((a, b) => a.id - b.id)) {
    const m = `m.${f.name}`;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      if (mf.keyType !== 'string') unsupported(t, f);
      // Map values are read unsigned, as map<string, uint64> is the only integer map.
      const [valueTag, empty, read] = mf.type === 'string' ? [18, "''", 'w.readString'] : [16, '0', 'w.readVarint'];
      init.push(`${f.name}: {}`);
      cases.push(`      case ${f.id * 8 + 2}:`, `        w.readEntry(r, ${valueTag}, ${empty}, ${read}, ${m});`, '        break;');
      continue;
    }
    const tag = f.id * 8 + wireTypeOf(f, f.type);
    if (f.resolvedType instanceof protobuf.Type) {
      const read = `read${f.resolvedType.name}(r, w.readLength(r))`;
      if (f.repeated) init.push(`${f.name}: []`);
      cases.push(`      case ${tag}:`, `        ${f.repeated ? `${m}.push(${read})` : `${m} = ${read}`};`, '        break;');
      continue;
    }
    if (f.repeated) unsupported(t, f);
    init.push(`${f.name}: ${defaultOf(f.type)}`);
    cases.push(`      case ${tag}:`, `        ${m} = ${readerOf(t, f, f.type)};`, '        break;');
  }
  return [
    `function read${t.name}(r: w.Reader, end: number): ${t.name}Msg {`,
    `  const m: ${t.name}Msg = { ${init.join(', ')} };`,
    '  while (r.p < end) {',
    '    const tag = w.readVarint(r);',
    '    switch (tag) {',
    ...cases,
    '      default:',
    '        w.skip(r, tag & 7);',
    '    }',
    '  }',
    '  w.atEnd(r, end);',
    '  return m;',
    '}',
    ...(DECODE_ROOTS.includes(t.name)
      ? [
          '',
          `/** Decodes gamepulse.v1.${t.name}. */`,
          `export function decode${t.name}(bytes: Uint8Array): ${t.name}Msg {`,
          `  return read${t.name}(w.reader(bytes), bytes.length);`,
          '}',
        ]
      : []),
  ].join('\n');
}

function tsType(f: protobuf.Field): string {
  if (f.resolvedType instanceof protobuf.Type) return `${f.resolvedType.name}Msg`;
  if (f.type === 'string') return 'string';
  if (f.type === 'bool') return 'boolean';
  if (f.type === 'bytes') return 'Uint8Array';
  return 'number';
}

function decodedInterface(t: protobuf.Type): string {
  const lines = [...t.fieldsArray]
    .sort((a, b) => a.id - b.id)
    .map((f) => {
      if (f.map) {
        const mf = f as unknown as protobuf.MapField;
        return `  ${f.name}: Record<string, ${mf.type === 'string' ? 'string' : 'number'}>;`;
      }
      if (f.repeated) return `  ${f.name}: ${tsType(f)}[];`;
      if (f.resolvedType instanceof protobuf.Type) return `  ${f.name}?: ${tsType(f)};`;
      return `  ${f.name}: ${tsType(f)};`;
    });
  return [
    `/** gamepulse.v1.${t.name} as decoded: every field present (defaults filled), 64-bit values as numbers. */`,
    `export interface ${t.name}Msg {`,
    ...lines,
    '}',
  ].join('\n');
}

const HEADER = [
  '// GENERATED by proto/scripts/generate-sdk-wire.ts from gamepulse/v1/*.proto — do not edit.',
  '// Run `npm run proto:gen` after changing a .proto file.',
];

/** `src/generated/sdk-wire.ts`: the encoders. */
export function generateSdkWire(): string {
  const enc = closure(loadRoot(), ENCODE_ROOTS);
  return [
    ...HEADER,
    "import type * as pb from './messages.ts';",
    "import * as w from '../wire/write.ts';",
    '',
    ...enc.map(encoder).flatMap((e) => [e, '']),
  ].join('\n');
}

/** `src/generated/sdk-wire-read.ts`: the decoders and the decoded types. */
export function generateSdkWireRead(): string {
  const dec = closure(loadRoot(), DECODE_ROOTS);
  return [
    ...HEADER,
    "import * as w from '../wire/read.ts';",
    '',
    ...dec.map(decodedInterface).flatMap((d) => [d, '']),
    ...dec.map(decoder).flatMap((d) => [d, '']),
  ].join('\n');
}
