/**
 * Generates `src/generated/sdk-wire.ts`: a minimal codec for the messages the client
 * SDK puts on the wire (EventBatch with Event, Context, SdkHealth and the payloads) and
 * reads back (BatchAck, StreamReply and what they contain), straight from the .proto
 * files — the schema stays the one source of truth. It replaces protobufjs + long.js
 * in the browser bundle (~40 KB gzip → a few KB): a straight-line encoder per message
 * the SDK sends (fast: it runs in every track() call) and a field descriptor per
 * message it reads (number, name, kind), over the small runtime in src/wire/runtime.ts.
 *
 * Encoding follows proto3: scalars equal to their default are not written, message
 * fields and oneof members are written when present (a oneof member that is an empty
 * message is still written, so the choice survives). Decoding fills every field with
 * its default, 64-bit values as numbers. `src/sdk-wire.test.ts` checks both directions
 * against the full generated classes.
 *
 * Usage: tsx proto/scripts/generate-sdk-wire.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { protoFiles, protoRoot } from './schema-files.ts';

export const sdkWireFile = join(protoRoot, 'src/generated/sdk-wire.ts');

/** Roots of what the SDK encodes and decodes; their message fields come along. */
const ENCODE_ROOTS = ['EventBatch'];
const DECODE_ROOTS = ['BatchAck', 'StreamReply', 'EventBatch'];

const VARINT_UNSIGNED = new Set(['uint32', 'uint64']);
const VARINT_SIGNED = new Set(['int32', 'int64']);

function loadRoot(): protobuf.Root {
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
  throw new Error(`generate-sdk-wire: ${t.name}.${f.name} (${f.type}${f.repeated ? ', repeated' : ''}) is not supported; extend the generator`);
}

function kindOf(t: protobuf.Type, f: protobuf.Field): string {
  if (f.map) {
    const mf = f as unknown as protobuf.MapField;
    if (mf.keyType !== 'string') unsupported(t, f);
    if (mf.type === 'string') return 'w.MAP_STRING';
    if (VARINT_UNSIGNED.has(mf.type) || VARINT_SIGNED.has(mf.type)) return 'w.MAP_VARINT';
    unsupported(t, f);
  }
  if (f.resolvedType instanceof protobuf.Type) return f.repeated ? 'w.REPEATED_MESSAGE' : 'w.MESSAGE';
  if (f.repeated) unsupported(t, f);
  if (f.resolvedType instanceof protobuf.Enum || VARINT_SIGNED.has(f.type)) return 'w.SIGNED';
  if (VARINT_UNSIGNED.has(f.type)) return 'w.VARINT';
  switch (f.type) {
    case 'string':
      return 'w.STRING';
    case 'bool':
      return 'w.BOOL';
    case 'double':
      return 'w.DOUBLE';
    case 'bytes':
      return 'w.BYTES';
  }
  return unsupported(t, f);
}

/** The statement writing one value `v` of field `f` (after its tag). */
function writeValue(t: protobuf.Type, f: protobuf.Field, type: string, v: string): string {
  if (f.resolvedType instanceof protobuf.Type && type === f.type) return `w.nested(${v}, write${f.resolvedType.name});`;
  if (type === 'string') return `w.string(${v});`;
  if (type === 'bool') return `w.bool(${v});`;
  if (type === 'double') return `w.double(${v});`;
  if (type === 'bytes') return `w.bytes(${v});`;
  if ((f.resolvedType instanceof protobuf.Enum && type === f.type) || VARINT_SIGNED.has(type) || VARINT_UNSIGNED.has(type)) return `w.varint(${v});`;
  return unsupported(t, f);
}

function wireTypeOf(f: protobuf.Field, type: string): number {
  if ((f.resolvedType instanceof protobuf.Type && type === f.type) || type === 'string' || type === 'bytes') return 2;
  return type === 'double' ? 1 : 0;
}

/** Straight-line encoder per message: the fastest form for track(), and it compresses well. */
function encoder(t: protobuf.Type): string {
  const lines: string[] = [];
  for (const f of [...t.fieldsArray].sort((a, b) => a.id - b.id)) {
    const v = `m.${f.name}`;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      if (mf.keyType !== 'string') unsupported(t, f);
      lines.push(
        `  if (${v}) for (const k in ${v}) {`,
        `    const x = ${v}[k]!;`,
        `    w.tag(${f.id * 8 + 2});`,
        `    w.nested(k, (k) => { w.tag(10); w.string(k); w.tag(${16 + wireTypeOf(f, mf.type)}); ${writeValue(t, f, mf.type, 'x')} });`,
        '  }',
      );
      continue;
    }
    const tag = f.id * 8 + wireTypeOf(f, f.type);
    if (f.repeated) {
      if (!(f.resolvedType instanceof protobuf.Type)) unsupported(t, f);
      lines.push(`  if (${v}) for (const x of ${v}) { w.tag(${tag}); ${writeValue(t, f, f.type, 'x')} }`);
    } else if (f.resolvedType instanceof protobuf.Type) lines.push(`  if (${v} != null) { w.tag(${tag}); ${writeValue(t, f, f.type, v)} }`);
    else if (f.type === 'bytes') lines.push(`  if (${v} && ${v}.length) { w.tag(${tag}); ${writeValue(t, f, f.type, v)} }`);
    else lines.push(`  if (${v}) { w.tag(${tag}); ${writeValue(t, f, f.type, v)} }`);
  }
  return [
    `function write${t.name}(m: gamepulse.v1.${t.name}.$Properties): void {`,
    ...lines,
    '}',
    '',
    `/** Encodes gamepulse.v1.${t.name} (proto3: scalars equal to their default are left out). */`,
    `export function encode${t.name}(m: gamepulse.v1.${t.name}.$Properties): Uint8Array {`,
    '  w.begin();',
    `  write${t.name}(m);`,
    '  return w.finish();',
    '}',
  ].join('\n');
}

function descriptor(t: protobuf.Type): string {
  const fields = [...t.fieldsArray].sort((a, b) => a.id - b.id).map((f) => {
    const nested = f.resolvedType instanceof protobuf.Type ? `, () => ${f.resolvedType.name}Fields` : '';
    return `  [${f.id}, '${f.name}', ${kindOf(t, f)}${nested}],`;
  });
  return [`const ${t.name}Fields: w.MessageDescriptor = [`, ...fields, '];'].join('\n');
}

function tsType(f: protobuf.Field): string {
  if (f.resolvedType instanceof protobuf.Type) return `${f.resolvedType.name}Msg`;
  if (f.type === 'string') return 'string';
  if (f.type === 'bool') return 'boolean';
  if (f.type === 'bytes') return 'Uint8Array';
  return 'number';
}

function decodedInterface(t: protobuf.Type): string {
  const lines = [...t.fieldsArray].sort((a, b) => a.id - b.id).map((f) => {
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      return `  ${f.name}: Record<string, ${mf.type === 'string' ? 'string' : 'number'}>;`;
    }
    if (f.repeated) return `  ${f.name}: ${tsType(f)}[];`;
    if (f.resolvedType instanceof protobuf.Type) return `  ${f.name}?: ${tsType(f)};`;
    return `  ${f.name}: ${tsType(f)};`;
  });
  return [`/** gamepulse.v1.${t.name} as decoded: every field present (defaults filled), 64-bit values as numbers. */`, `export interface ${t.name}Msg {`, ...lines, '}'].join('\n');
}

export function generateSdkWire(): string {
  const root = loadRoot();
  const enc = closure(root, ENCODE_ROOTS);
  const dec = closure(root, DECODE_ROOTS);
  return [
    '// GENERATED by proto/scripts/generate-sdk-wire.ts from gamepulse/v1/*.proto — do not edit.',
    '// Run `npx tsx proto/scripts/generate-sdk-wire.ts` after changing a .proto file.',
    "import type { gamepulse } from './gamepulse.js';",
    "import * as w from '../wire/runtime.ts';",
    '',
    ...enc.map(encoder).flatMap((e) => [e, '']),
    '// Field descriptors for decoding: [number, name, kind, nested message].',
    ...dec.map(descriptor).flatMap((d) => [d, '']),
    ...dec.map(decodedInterface).flatMap((d) => [d, '']),
    ...dec.map(
      (t) =>
        `/** Decodes gamepulse.v1.${t.name}. */\nexport const decode${t.name} = (bytes: Uint8Array): ${t.name}Msg => w.decodeMessage(${t.name}Fields, bytes) as unknown as ${t.name}Msg;\n`,
    ),
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = generateSdkWire();
  if (process.argv.includes('--check')) {
    if (readFileSync(sdkWireFile, 'utf8') !== text) {
      console.error('proto/src/generated/sdk-wire.ts is stale: run `npx tsx proto/scripts/generate-sdk-wire.ts`');
      process.exit(1);
    }
    console.log('proto/src/generated/sdk-wire.ts is up to date');
  } else {
    writeFileSync(sdkWireFile, text);
    console.log(`wrote ${sdkWireFile} (${text.length} bytes)`);
  }
}
