/**
 * `application/json` bodies: the canonical proto3 JSON mapping of `EventBatch`
 * (protobuf.dev/programming-guides/json), for servers, tools and curl.
 *
 * - Field names: lowerCamelCase (the JSON name) or the proto name (snake_case).
 * - 64-bit integers: numbers or decimal strings (they must be safe integers: every
 *   gamepulse value is far below 2^53). 32-bit: numbers (or strings) in range.
 * - double: numbers, or "NaN" / "Infinity" / "-Infinity"; enums: the value name or its
 *   number; maps: objects of string values; `null` = the field's default.
 * - Unknown fields are ignored (a newer sender may know more fields), wrong types are
 *   errors (`GP_BODY_JSON_INVALID` with the path), as are two members of one oneof.
 *
 * The schema is read by reflection from the .proto files of @gamepulse/proto at start,
 * so a field added there is understood here without code. The result is encoded to
 * protobuf and goes through the same pipeline as a protobuf body.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';
import { EventBatch, type EventBatchData } from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';

type Json = unknown;

class JsonShapeError extends Error {}

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);

let root: protobuf.Root | undefined;
function batchType(): protobuf.Type {
  if (!root) {
    const protoPackage = dirname(createRequire(import.meta.url).resolve('@gamepulse/proto'));
    const protoRoot = join(protoPackage, '..');
    const r = new protobuf.Root();
    r.resolvePath = (_origin, target) => join(protoRoot, target);
    r.loadSync(['gamepulse/v1/batch.proto'], { keepCase: true });
    r.resolveAll();
    root = r;
  }
  return root.lookupType('gamepulse.v1.EventBatch');
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function integer(v: Json, path: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new JsonShapeError(`${path}: expected an integer in [${min}, ${max}]`);
  return n;
}

function scalar(type: string, v: Json, path: string): unknown {
  if (type === 'string') {
    if (typeof v !== 'string') throw new JsonShapeError(`${path}: expected a string`);
    return v;
  }
  if (type === 'bool') {
    if (typeof v !== 'boolean') throw new JsonShapeError(`${path}: expected true or false`);
    return v;
  }
  if (type === 'double' || type === 'float') {
    if (typeof v === 'number') return v;
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    throw new JsonShapeError(`${path}: expected a number`);
  }
  if (INT32.has(type)) return integer(v, path, -(2 ** 31), 2 ** 31 - 1);
  if (UINT32.has(type)) return integer(v, path, 0, 2 ** 32 - 1);
  if (INT64.has(type)) return integer(v, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (UINT64.has(type)) return integer(v, path, 0, Number.MAX_SAFE_INTEGER);
  if (type === 'bytes') {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) throw new JsonShapeError(`${path}: expected base64`);
    return Buffer.from(v, 'base64');
  }
  throw new JsonShapeError(`${path}: unsupported type ${type}`);
}

function value(field: protobuf.Field, v: Json, path: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return message(resolved, v, path);
  if (resolved instanceof protobuf.Enum) {
    if (typeof v === 'string' && v in resolved.values) return resolved.values[v];
    if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return v; // unknown numbers are kept (open enums)
    throw new JsonShapeError(`${path}: expected one of ${Object.keys(resolved.values).join(', ')}`);
  }
  return scalar(field.type, v, path);
}

function message(type: protobuf.Type, json: Json, path: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new JsonShapeError(`${path || 'body'}: expected an object`);
  const out: Record<string, unknown> = {};
  const oneofSet = new Map<string, string>();
  for (const field of type.fieldsArray) {
    const jsonName = camel(field.name);
    const given = Object.prototype.hasOwnProperty.call(json, jsonName)
      ? (json as Record<string, Json>)[jsonName]
      : Object.prototype.hasOwnProperty.call(json, field.name)
        ? (json as Record<string, Json>)[field.name]
        : undefined;
    if (given === undefined || given === null) continue;
    const at = path ? `${path}.${jsonName}` : jsonName;
    if (field.partOf) {
      const other = oneofSet.get(field.partOf.name);
      if (other) throw new JsonShapeError(`${at}: ${other} is already set (oneof ${field.partOf.name})`);
      oneofSet.set(field.partOf.name, jsonName);
    }
    if (field instanceof protobuf.MapField) {
      if (typeof given !== 'object' || Array.isArray(given)) throw new JsonShapeError(`${at}: expected an object`);
      const map: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(given as Record<string, Json>)) map[k] = value(field, v, `${at}.${k}`);
      out[jsonName] = map;
    } else if (field.repeated) {
      if (!Array.isArray(given)) throw new JsonShapeError(`${at}: expected an array`);
      out[jsonName] = given.map((v, i) => value(field, v, `${at}[${i}]`));
    } else {
      out[jsonName] = value(field, given, at);
    }
  }
  return out;
}

/** Parses a JSON body into the protobuf bytes of the same EventBatch. */
export function jsonBatchToProtobuf(body: Uint8Array): { ok: true; bytes: Uint8Array } | CollectorFailure {
  let json: Json;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (err) {
    return failure('GP_BODY_JSON_INVALID', `body is not JSON: ${(err as Error).message}`);
  }
  try {
    const data = message(batchType(), json, '') as EventBatchData;
    return { ok: true, bytes: EventBatch.encode(data).finish() };
  } catch (err) {
    if (err instanceof JsonShapeError) return failure('GP_BODY_JSON_INVALID', `body is not a valid proto3 JSON EventBatch: ${err.message}`);
    throw err;
  }
}

/** Loads the schema now (at start) rather than on the first JSON request. */
export function preloadJsonSchema(): void {
  batchType();
}
