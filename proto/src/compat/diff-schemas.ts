/**
 * Finds breaking changes between two versions of a schema, by the rules of
 * https://protobuf.dev/programming-guides/proto3/#updating plus JSON compatibility
 * (our HTTP endpoint accepts JSON, where a field's name is its identity):
 * a message, enum, field, enum value, service or method must not disappear (a field
 * or value may only go if its number is reserved), and numbers, names, types, labels
 * (repeated / map / optional) and oneof membership must not change. Additions are fine.
 */
import type { SchemaJson } from './load-schema.ts';

interface FieldJson {
  id: number;
  type: string;
  rule?: string;
  keyType?: string;
  options?: Record<string, unknown>;
}
interface TypeJson {
  fields?: Record<string, FieldJson>;
  oneofs?: Record<string, { oneof: string[] }>;
  reserved?: Array<number[] | string>;
  nested?: Record<string, unknown>;
  values?: Record<string, number>;
  methods?: Record<string, { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }>;
}

export interface BreakingChange {
  path: string;
  problem: string;
}

function isReserved(reserved: TypeJson['reserved'], id: number, name: string): boolean {
  for (const r of reserved ?? []) {
    if (typeof r === 'string' ? r === name : id >= r[0]! && id <= r[1]!) return true;
  }
  return false;
}

function kindOf(t: TypeJson): 'message' | 'enum' | 'service' | 'namespace' {
  if (t.values) return 'enum';
  if (t.methods) return 'service';
  if (t.fields) return 'message';
  return 'namespace';
}

function oneofOf(t: TypeJson, field: string): string | undefined {
  for (const [name, o] of Object.entries(t.oneofs ?? {})) if (o.oneof.includes(field)) return name;
  return undefined;
}

function compareMessage(path: string, old: TypeJson, cur: TypeJson, out: BreakingChange[]): void {
  const curById = new Map<number, [string, FieldJson]>();
  for (const [name, f] of Object.entries(cur.fields ?? {})) curById.set(f.id, [name, f]);
  for (const [name, f] of Object.entries(old.fields ?? {})) {
    const found = curById.get(f.id);
    if (!found) {
      if (!isReserved(cur.reserved, f.id, name))
        out.push({ path: `${path}.${name}`, problem: `field ${f.id} removed without reserving its number` });
      continue;
    }
    const [curName, cf] = found;
    if (curName !== name) out.push({ path: `${path}.${name}`, problem: `field ${f.id} renamed to ${curName} (breaks JSON)` });
    if (cf.type !== f.type) out.push({ path: `${path}.${name}`, problem: `type changed from ${f.type} to ${cf.type}` });
    if ((cf.rule ?? '') !== (f.rule ?? '') || (cf.keyType ?? '') !== (f.keyType ?? ''))
      out.push({
        path: `${path}.${name}`,
        problem: `label changed (${f.rule ?? f.keyType ?? 'singular'} → ${cf.rule ?? cf.keyType ?? 'singular'})`,
      });
    if (oneofOf(old, name) !== oneofOf(cur, curName))
      out.push({
        path: `${path}.${name}`,
        problem: `oneof membership changed (${oneofOf(old, name) ?? 'none'} → ${oneofOf(cur, curName) ?? 'none'})`,
      });
  }
  // A field whose number moved: same name, different number.
  for (const [name, f] of Object.entries(old.fields ?? {})) {
    const cf = cur.fields?.[name];
    if (cf && cf.id !== f.id) out.push({ path: `${path}.${name}`, problem: `renumbered from ${f.id} to ${cf.id}` });
  }
}

function compareEnum(path: string, old: TypeJson, cur: TypeJson, out: BreakingChange[]): void {
  const curByNumber = new Map(Object.entries(cur.values ?? {}).map(([n, v]) => [v, n]));
  for (const [name, v] of Object.entries(old.values ?? {})) {
    const curName = curByNumber.get(v);
    if (curName === undefined) {
      if (!isReserved(cur.reserved, v, name))
        out.push({ path: `${path}.${name}`, problem: `enum value ${v} removed without reserving it` });
    } else if (curName !== name) out.push({ path: `${path}.${name}`, problem: `enum value ${v} renamed to ${curName} (breaks JSON)` });
  }
}

function compareService(path: string, old: TypeJson, cur: TypeJson, out: BreakingChange[]): void {
  for (const [name, m] of Object.entries(old.methods ?? {})) {
    const cm = cur.methods?.[name];
    if (!cm) {
      out.push({ path: `${path}.${name}`, problem: 'rpc removed' });
      continue;
    }
    if (
      cm.requestType !== m.requestType ||
      cm.responseType !== m.responseType ||
      !!cm.requestStream !== !!m.requestStream ||
      !!cm.responseStream !== !!m.responseStream
    )
      out.push({ path: `${path}.${name}`, problem: 'rpc signature changed' });
  }
}

function walk(path: string, old: TypeJson, cur: TypeJson | undefined, out: BreakingChange[]): void {
  const oldKind = kindOf(old);
  if (!cur) {
    out.push({ path, problem: `${oldKind} removed` });
    return;
  }
  if (kindOf(cur) !== oldKind && oldKind !== 'namespace') {
    out.push({ path, problem: `changed from ${oldKind} to ${kindOf(cur)}` });
    return;
  }
  if (oldKind === 'message') compareMessage(path, old, cur, out);
  if (oldKind === 'enum') compareEnum(path, old, cur, out);
  if (oldKind === 'service') compareService(path, old, cur, out);
  for (const [name, child] of Object.entries(old.nested ?? {})) {
    walk(path ? `${path}.${name}` : name, child as TypeJson, cur.nested?.[name] as TypeJson | undefined, out);
  }
}

export function diffSchemas(baseline: SchemaJson, current: SchemaJson): BreakingChange[] {
  const out: BreakingChange[] = [];
  walk('', baseline, current, out);
  return out;
}
