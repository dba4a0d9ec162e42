/**
 * Where a partition's files live: `<dir>/<topic>/<partition>/<baseOffset>.log`, the base
 * offset (the offset of the segment's first record) zero-padded to 20 digits as Kafka
 * names its segments, so a directory listing sorts in offset order.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno } from './fs-util.ts';

const SEGMENT_NAME = /^(\d{20})\.log$/;

export function partitionDir(dir: string, topic: string, partition: number): string {
  return join(dir, topic, String(partition));
}

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

export function segmentPath(partitionDirectory: string, baseOffset: number): string {
  return join(partitionDirectory, segmentFileName(baseOffset));
}

/** Base offsets of the segments in a partition directory, ascending; [] when it does not exist. */
export async function listSegments(partitionDirectory: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(partitionDirectory);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
  const bases: number[] = [];
  for (const name of names) {
    const m = SEGMENT_NAME.exec(name);
    if (m) bases.push(Number(m[1]));
  }
  return bases.sort((a, b) => a - b);
}

/** The base of the segment holding `offset`: the largest base ≤ offset (bases ascending). */
export function segmentFor(bases: readonly number[], offset: number): number | undefined {
  let lo = 0;
  let hi = bases.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bases[mid]! <= offset) {
      found = bases[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
