/**
 * What the generated server-side codec (generated/messages.ts) shares besides reading
 * and writing: views, the `encode(…).finish()` result and toObject's conversions.
 */

/**
 * Which fields a generated decoder reads: bit i of `k` stands for the message's i-th
 * field in field-number order (a field whose bit is clear is skipped like an unknown
 * one); `s[i]` is the view of field i's message type. `C` makes the decoded object:
 * undefined for a view of every field (an object literal with every field), else a
 * constructor whose prototype holds the defaults of the kept fields only, so that a
 * left-out field is absent rather than read as a default. Every view has this one
 * shape, so the decoders' loads from it stay monomorphic.
 */
export interface View {
  readonly k: number;
  readonly C: (new () => object) | undefined;
  readonly s: ReadonlyArray<View | undefined>;
}

export function view(k: number, C: (new () => object) | undefined, s: ReadonlyArray<View | undefined>): View {
  return { k, C, s };
}

/** What `encode` returns: the bytes, through `finish()` as protobufjs's writer gives them. */
export class Encoded {
  constructor(private readonly bytes: Uint8Array) {}

  finish(): Uint8Array {
    return this.bytes;
  }
}

/** toObject's options: protobufjs's IConversionOptions, which callers already pass. */
export interface ToObjectOptions {
  /** `String`: 64-bit values as decimal strings; otherwise numbers. */
  longs?: unknown;
  /** `String`: enum values as their names (unknown numbers stay numbers). */
  enums?: unknown;
  /** `String`: base64; `Array`: arrays of byte values; otherwise the Uint8Array. */
  bytes?: unknown;
  /** Fields equal to their default too (message fields as null). */
  defaults?: boolean;
  /** Empty repeated fields as []. */
  arrays?: boolean;
  /** Empty map fields as {}. */
  objects?: boolean;
  /** The name of the set member of each oneof, as a field named after the oneof. */
  oneofs?: boolean;
  /** Non-finite doubles as strings ('NaN', 'Infinity'). */
  json?: boolean;
}

export function longOut(v: number, o: ToObjectOptions): number | string {
  return o.longs === String ? String(v) : v;
}

export function enumOut(v: number, names: Readonly<Record<number, string>>, o: ToObjectOptions): number | string {
  return o.enums === String ? (names[v] ?? v) : v;
}

export function doubleOut(v: number, o: ToObjectOptions): number | string {
  return o.json && !Number.isFinite(v) ? String(v) : v;
}

export function bytesOut(v: Uint8Array, o: ToObjectOptions): Uint8Array | string | number[] {
  if (o.bytes === String) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (o.bytes === Array) return Array.from(v);
  return v;
}

/** A view class: instances read the kept fields' defaults from the prototype until a value is decoded. */
export function viewClass(defaults: Readonly<Record<string, unknown>>): new () => object {
  function ViewMessage(): void {}
  ViewMessage.prototype = { ...defaults };
  return ViewMessage as unknown as new () => object;
}
