/**
 * A stable hash of text to [0, 1), for decisions that must come out the same on every
 * device and in every SDK language: player sampling and experiment variants. The
 * algorithm is fixed (changing it would re-shuffle every player): 32-bit FNV-1a over
 * the UTF-8 bytes, then MurmurHash3's fmix32 finaliser (FNV alone spreads similar ids,
 * like "player-1" and "player-2", poorly in the high bits), divided by 2^32.
 */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  const add = (byte: number) => {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) add(c);
    else if (c < 0x800) {
      add(0xc0 | (c >> 6));
      add(0x80 | (c & 0x3f));
    } else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      if (c >= 0x10000) {
        add(0xf0 | (c >> 18));
        add(0x80 | ((c >> 12) & 0x3f));
      } else add(0xe0 | (c >> 12));
      add(0x80 | ((c >> 6) & 0x3f));
      add(0x80 | (c & 0x3f));
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Whether a player is in the sample: the same answer for the same id and rate, everywhere. */
export function inSample(playerId: string, sampleRate: number): boolean {
  return sampleRate >= 1 || unitHash(`sample:${playerId}`) < sampleRate;
}

/** Variants with weights (a list means equal weights). */
export type Variants = readonly string[] | Readonly<Record<string, number>>;

/** The variant of `experiment` for `playerId`: a weighted pick by unitHash(experiment:player). */
export function assignVariant(experiment: string, playerId: string, variants: Variants): string | undefined {
  const entries: Array<[string, number]> = Array.isArray(variants)
    ? (variants as readonly string[]).map((v) => [v, 1])
    : Object.entries(variants as Record<string, number>).filter(([, w]) => Number.isFinite(w) && w > 0);
  let total = 0;
  for (const [, w] of entries) total += w;
  if (entries.length === 0 || total <= 0) return undefined;
  let point = unitHash(`${experiment}:${playerId}`) * total;
  for (const [name, w] of entries) {
    if (point < w) return name;
    point -= w;
  }
  return entries[entries.length - 1]![0];
}
