/** Walking a message's fields without decoding them (a separate module, so bundles load it only where used). */
import { readLength, readVarint, reader, skip } from './read.ts';

/**
 * Visits the top-level fields of a message without decoding them: `visit(field,
 * wireType, start, end)` gets the value's byte range (for wire type 2, the body
 * without its length prefix). Used to split a frozen batch into its event frames.
 */
export function scanFields(bytes: Uint8Array, visit: (field: number, wireType: number, start: number, end: number) => void): void {
  const r = reader(bytes);
  while (r.p < bytes.length) {
    const t = readVarint(r);
    const wireType = t & 7;
    const field = Math.floor(t / 8);
    if (wireType === 2) {
      const end = readLength(r);
      visit(field, wireType, r.p, end);
      r.p = end;
    } else {
      const start = r.p;
      skip(r, wireType);
      visit(field, wireType, start, r.p);
    }
  }
}
