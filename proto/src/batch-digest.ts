/**
 * The digest that identifies a batch's content: who sent which events, independent of
 * transport, compression and the header fields a retry may change. The collector stamps
 * it on every IngestedBatch (over every event it received, accepted or not) and the SDK
 * computes the same value for the parent of a 413 half (`split_parent_digest`), so the
 * processor can tell a re-send of a stored batch from a different batch that reuses its
 * (install, stream, sequence).
 *
 * Fixed algorithm (changing it makes every stored window disagree with new batches):
 * 32-bit FNV-1a over the UTF-8 bytes of each event_id in batch order, each followed by
 * a 0 byte, then MurmurHash3's fmix32 finaliser. 0 means "no digest" (older records),
 * so a computed 0 becomes 1.
 */
export function batchDigest(eventIds: Iterable<string>): number {
  let h = 0x811c9dc5;
  const add = (byte: number) => {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  };
  for (const id of eventIds) {
    for (let i = 0; i < id.length; i++) {
      let c = id.charCodeAt(i);
      if (c < 0x80) add(c);
      else if (c < 0x800) {
        add(0xc0 | (c >> 6));
        add(0x80 | (c & 0x3f));
      } else {
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < id.length) c = 0x10000 + ((c - 0xd800) << 10) + (id.charCodeAt(++i) - 0xdc00);
        if (c >= 0x10000) {
          add(0xf0 | (c >> 18));
          add(0x80 | ((c >> 12) & 0x3f));
        } else add(0xe0 | (c >> 12));
        add(0x80 | ((c >> 6) & 0x3f));
        add(0x80 | (c & 0x3f));
      }
    }
    add(0);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}
