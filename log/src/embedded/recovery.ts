/**
 * Recovery of a partition when the writer opens the log: scan every segment from the one
 * holding the durable mark's end, keep the longest dense prefix of valid records, cut
 * off the rest.
 *
 * What a crash can leave after the last durable record: a record cut short (the process
 * died inside writev, or the OS wrote back only some pages), zeros (an extended file
 * size whose data never reached the disk: length 0 is an impossible length), bytes with
 * a bad CRC, or a segment that does not start where the previous one ends. None of these
 * was ever acknowledged: an append resolves only after fdatasync returned for all its
 * bytes, and a torn or unsynced tail is by definition after the last completed
 * fdatasync. None was delivered to a consumer either: readers deliver only complete
 * records with a valid CRC below the durable mark (durable-mark.ts), which moves only
 * after fdatasync. So truncating there never removes an acknowledged or delivered record.
 *
 * Why not only the last segment: a round that rolls over writes the old segment's tail,
 * creates the new segment (its directory entry fsynced at once) and writes it, then
 * fdatasyncs both. A power loss before those fdatasyncs can leave the new segment on
 * disk, whole or empty, while the old one's tail was never written back: the hole is in
 * an earlier segment. Segments before the mark's segment are complete: the round that
 * rolled past them fdatasynced them before the mark moved. Without a readable mark every
 * segment is scanned. The cut is at the first record that is not valid or not at the
 * offset expected; the segments after it are removed (set aside as `<name>.dropped`
 * when the mark said records past the cut were durable, for an operator to look at).
 *
 * What is kept was not necessarily durable, though: an intact tail of a round that
 * crashed after its writes but before its fdatasync is still in the page cache. Recovery
 * fsyncs every kept segment and the partition directory before it publishes the mark
 * (with `fsync`), so a later power loss cannot take back records below the mark.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { DURABLE_MARK_BYTES, durableMarkPath, encodeDurableMark, readDurableMark, type DurableMark } from './durable-mark.ts';
import { fsyncDir, isErrno } from './fs-util.ts';
import type { ResolvedEmbeddedLogOptions } from './options.ts';
import { decodeRecord } from './record-format.ts';
import { listSegments, segmentFor, segmentPath } from './segment-files.ts';

/**
 * The file-system calls recovery makes on the files it keeps or removes, injectable so
 * tests can record (or fault) them. @default nodeRecoveryFs (node:fs/promises, fsyncDir)
 */
export interface RecoveryFs {
  /** `open` of node:fs/promises. */
  open(path: string, flags: string): Promise<FileHandle>;
  /** fsync of a directory, making the entries created in it durable. */
  syncDir(dir: string): Promise<void>;
  /** `unlink` of node:fs/promises: removes a segment past the cut. */
  unlink(path: string): Promise<void>;
  /** `rename` of node:fs/promises: sets a segment past the cut aside. */
  rename(from: string, to: string): Promise<void>;
}

export const nodeRecoveryFs: RecoveryFs = {
  open: (path, flags) => open(path, flags),
  syncDir: fsyncDir,
  unlink: (path) => unlink(path),
  rename: (from, to) => rename(from, to),
};

export interface RecoveryOptions extends Pick<ResolvedEmbeddedLogOptions, 'readChunkBytes' | 'fsync' | 'logger'> {
  /** @default nodeRecoveryFs */
  fs?: RecoveryFs;
}

export interface RecoveredPartition {
  /** Segment base offsets, ascending (the last one is active). */
  bases: number[];
  /** The last segment, open for writing, its valid prefix only. */
  segment: FileHandle;
  /** The durable mark file, open for writing, already rewritten with `durable`. */
  markFile: FileHandle;
  durable: DurableMark;
}

/** Suffix of a segment set aside by recovery: no longer a segment by name (segment-files.ts). */
export const DROPPED_SEGMENT_SUFFIX = '.dropped';

/**
 * Opens a partition directory for writing (creating its first segment when there is
 * none): scans the segments from the durable mark's on, cuts a torn tail (and the
 * segments after it) with a warning, and publishes the recovered end as the durable mark.
 */
export async function recoverPartition(
  topic: string,
  partition: number,
  dir: string,
  options: RecoveryOptions,
): Promise<RecoveredPartition> {
  const fs = options.fs ?? nodeRecoveryFs;
  const bases = await listSegments(dir);
  if (bases.length === 0) {
    await (await fs.open(segmentPath(dir, 0), 'a')).close();
    bases.push(0);
  }
  const markFile = await openOrCreate(fs, durableMarkPath(dir));
  let segment: FileHandle | undefined;
  try {
    const previous = await readDurableMark(markFile);
    const cut = await findCut(dir, bases, previous, options.readChunkBytes);
    const base = bases[cut.index]!;
    const path = segmentPath(dir, base);
    const nextOffset = base + cut.scan.records;
    const dropped = bases.slice(cut.index + 1);
    const acknowledgedMissing = previous !== undefined && previous.nextOffset > nextOffset;
    segment = await fs.open(path, 'r+');
    if (cut.scan.validBytes < cut.scan.fileBytes || dropped.length > 0) {
      options.logger.warn('embedded log: truncating torn tail of segment', {
        topic,
        partition,
        segment: path,
        validBytes: cut.scan.validBytes,
        fileBytes: cut.scan.fileBytes,
        droppedBytes: cut.scan.fileBytes - cut.scan.validBytes,
        droppedSegments: dropped.map((b) => segmentPath(dir, b)),
        reason: cut.reason,
        nextOffset,
      });
      if (cut.scan.validBytes < cut.scan.fileBytes) await segment.truncate(cut.scan.validBytes);
      for (const b of dropped) {
        if (acknowledgedMissing) await fs.rename(segmentPath(dir, b), segmentPath(dir, b) + DROPPED_SEGMENT_SUFFIX);
        else await fs.unlink(segmentPath(dir, b));
      }
      bases.length = cut.index + 1;
    }
    if (previous && acknowledgedMissing)
      options.logger.error(
        'embedded log: the durable mark was ahead of the recovered data; acknowledged records are missing (did the disk lose fsynced writes?)',
        {
          topic,
          partition,
          markNextOffset: previous.nextOffset,
          recoveredNextOffset: nextOffset,
          ...(dropped.length > 0 ? { setAside: dropped.map((b) => segmentPath(dir, b) + DROPPED_SEGMENT_SUFFIX) } : {}),
        },
      );
    const durable: DurableMark = { nextOffset, segmentBase: base, segmentBytes: cut.scan.validBytes };
    // The mark publishes everything kept as durable, so first make it so: a crashed
    // round may have left an intact tail that reached the page cache but was never
    // fsynced, in the last segment and in the earlier ones it rolled over from (and a
    // run with fsync: false never synced anything). Then the directory: the entries of
    // segments created (and of the mark file) by a round that died before its fsync,
    // and of those removed here. A cut is synced even without `fsync`: cheap, and it
    // keeps a torn tail (or a dropped segment) from coming back.
    const cutSomething = cut.scan.validBytes < cut.scan.fileBytes || dropped.length > 0;
    if (options.fsync) for (const b of bases) if (b !== base) await syncFile(fs, segmentPath(dir, b));
    if (options.fsync || cutSomething) await segment.datasync();
    if (options.fsync || dropped.length > 0) await fs.syncDir(dir);
    await markFile.write(encodeDurableMark(durable), 0, DURABLE_MARK_BYTES, 0);
    if (options.fsync) await markFile.sync();
    return { bases, segment, markFile, durable };
  } catch (err) {
    await segment?.close().catch(() => {});
    await markFile.close().catch(() => {});
    throw err;
  }
}

interface Cut {
  /** Index in `bases` of the segment the log now ends in. */
  index: number;
  /** Its scan; `validBytes` is where it ends. */
  scan: SegmentScan;
  /** Why the log ends there rather than at the end of the last segment, when it does. */
  reason?: string;
}

/**
 * Scans from the segment holding the mark's end (every segment without a mark) and
 * returns where the dense valid prefix ends: the first torn tail, or the first segment
 * that does not start where the previous one ended.
 */
async function findCut(dir: string, bases: readonly number[], mark: DurableMark | undefined, chunkBytes: number): Promise<Cut> {
  const from = mark === undefined ? undefined : segmentFor(bases, mark.segmentBase);
  let index = from === undefined ? 0 : bases.indexOf(from);
  for (;;) {
    const base = bases[index]!;
    const scan = await scanSegment(segmentPath(dir, base), base, chunkBytes);
    if (scan.validBytes < scan.fileBytes) return { index, scan, reason: scan.stopReason ?? 'unreadable bytes at the end' };
    const next = bases[index + 1];
    if (next === undefined) return { index, scan };
    if (next !== base + scan.records)
      return { index, scan, reason: `segment ${next} follows a segment that ends at offset ${base + scan.records}` };
    index++;
  }
}

async function syncFile(fs: RecoveryFs, path: string): Promise<void> {
  const fh = await fs.open(path, 'r+');
  try {
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

async function openOrCreate(fs: RecoveryFs, path: string): Promise<FileHandle> {
  try {
    return await fs.open(path, 'r+');
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
    return fs.open(path, 'w+');
  }
}

export interface SegmentScan {
  /** Bytes of the longest valid prefix. */
  validBytes: number;
  /** Records in that prefix. */
  records: number;
  /** Size of the file when scanned. */
  fileBytes: number;
  /** Why the scan stopped before the end of the file, when it did. */
  stopReason?: string;
}

/**
 * Walks a segment from the start, checking each record's bounds, magic, CRC and that its
 * offset is `baseOffset + index` (dense). Stops at the first record that fails.
 */
export async function scanSegment(path: string, baseOffset: number, chunkBytes: number): Promise<SegmentScan> {
  const fh = await open(path, 'r');
  try {
    const fileBytes = (await fh.stat()).size;
    let validEnd = 0; // absolute end of the last valid record
    let records = 0;
    let stopReason: string | undefined;
    let buf = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(fileBytes, 1)));
    while (validEnd < fileBytes && stopReason === undefined) {
      const chunkStart = validEnd;
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, fileBytes - chunkStart), chunkStart);
      if (bytesRead === 0) break;
      let pos = 0;
      while (pos < bytesRead) {
        const d = decodeRecord(buf, pos, bytesRead);
        if (d.kind === 'record') {
          if (d.record.offset !== baseOffset + records) {
            stopReason = `offset ${d.record.offset} where ${baseOffset + records} was expected`;
            break;
          }
          records++;
          pos = d.record.end;
          validEnd = chunkStart + pos;
        } else if (d.kind === 'corrupt') {
          stopReason = d.reason;
          break;
        } else {
          // Incomplete in this chunk: at the end of the file it is a torn tail, otherwise
          // read again from this record's start, with room for all of it.
          if (chunkStart + pos + d.needBytes > fileBytes)
            stopReason = `incomplete record: needs ${d.needBytes} bytes, ${fileBytes - chunkStart - pos} left in the file`;
          else if (d.needBytes > buf.length) buf = Buffer.allocUnsafe(d.needBytes);
          break;
        }
      }
    }
    return stopReason === undefined
      ? { validBytes: validEnd, records, fileBytes }
      : { validBytes: validEnd, records, fileBytes, stopReason };
  } finally {
    await fh.close();
  }
}
