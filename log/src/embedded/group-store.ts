/**
 * Consumer-group positions: `<dir>/groups/<group>.json`, replaced atomically on every
 * commit (temp file + fsync + rename + fsync dir), so a crash leaves the previous or the
 * new positions, never a mix. One file per group holds all its topics; a group has one
 * member (its lock file), so there is one writer per file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopicPartitionOffset } from '../types.ts';
import { EmbeddedLogError } from './errors.ts';
import { isErrno, writeFileAtomic } from './fs-util.ts';

export const GROUPS_DIR = 'groups';

interface GroupFileV1 {
  version: 1;
  groupId: string;
  updatedAtMs: number;
  /** topic → partition → next offset to read. */
  offsets: Record<string, Record<string, number>>;
}

/**
 * A file-system-safe name for any group id: percent-encoding (which never yields '/'),
 * plus a leading '.' encoded so '.' and '..' cannot name directories.
 */
export function groupFileStem(groupId: string): string {
  if (typeof groupId !== 'string' || groupId === '') throw new TypeError('groupId must be a non-empty string');
  const stem = encodeURIComponent(groupId).replace(/^\./, '%2E');
  if (Buffer.byteLength(stem) > 200) throw new TypeError(`groupId is too long for a file name: ${groupId.slice(0, 40)}…`);
  return stem;
}

export function groupLockPath(dir: string, groupId: string): string {
  return join(dir, GROUPS_DIR, `${groupFileStem(groupId)}.lock`);
}

function groupFilePath(dir: string, groupId: string): string {
  return join(dir, GROUPS_DIR, `${groupFileStem(groupId)}.json`);
}

export async function readGroupOffsets(dir: string, groupId: string): Promise<Record<string, Record<string, number>>> {
  const path = groupFilePath(dir, groupId);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return {};
    throw err;
  }
  try {
    const file = JSON.parse(text) as GroupFileV1;
    if (file.version !== 1 || typeof file.offsets !== 'object' || file.offsets === null)
      throw new Error(`unsupported version ${String(file.version)}`);
    return file.offsets;
  } catch (err) {
    throw new EmbeddedLogError('GP_LOG_CORRUPT', `${path} is not a valid group file: ${(err as Error).message}`, { cause: err });
  }
}

/** The committed positions of one topic, by partition ascending (only partitions that have one). */
export async function readCommitted(dir: string, groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
  const offsets = (await readGroupOffsets(dir, groupId))[topic] ?? {};
  return Object.entries(offsets)
    .map(([p, offset]) => ({ topic, partition: Number(p), offset }))
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Merges `offsets` into the group's file. Callers serialize commits of a group (the
 * consumer does): a read-modify-write of one file.
 */
export async function writeGroupOffsets(
  dir: string,
  groupId: string,
  offsets: readonly TopicPartitionOffset[],
  nowMs: number,
  durable: boolean,
): Promise<void> {
  for (const o of offsets)
    if (!Number.isSafeInteger(o.offset) || o.offset < 0 || !Number.isInteger(o.partition) || o.partition < 0 || typeof o.topic !== 'string')
      throw new TypeError(`invalid offset to commit: ${JSON.stringify(o)}`);
  const current = await readGroupOffsets(dir, groupId);
  for (const o of offsets) (current[o.topic] ??= {})[String(o.partition)] = o.offset;
  const file: GroupFileV1 = { version: 1, groupId, updatedAtMs: nowMs, offsets: current };
  await writeFileAtomic(groupFilePath(dir, groupId), JSON.stringify(file), durable);
}
