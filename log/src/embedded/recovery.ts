/**
 * Recovery of a partition when the writer opens the log: scan the last segment, keep
 * the longest prefix of valid records, cut off the rest.
 *
 * What can be at the end of the last segment after a crash: a record cut short (the
 * process died inside writev, or the OS wrote back only some pages), zeros (an extended
 * file size whose data never reached the disk: length 0 is an impossible length), or
 * bytes with a bad CRC. None of these was ever acknowledged: an append resolves only
 * after fdatasync returned for all its bytes, and a torn or unsynced tail is by
 * definition after the last completed fdatasync. None was delivered to a consumer
 * either: readers deliver only complete records with a valid CRC below the durable mark
 * (durable-mark.ts), which moves only after fdatasync. So truncating here never removes
 * an acknowledged or delivered record.
 *
 * Only the last segment is scanned: the writer rolls to a new segment only inside a
 * round whose fdatasync covers the old segment too, and the durable mark (what readers
 * may see) moves past a segment only after that, so earlier segments are complete.
 *
 * What is kept was not necessarily durable, though: an intact tail of a round that
 * crashed after its writes but before its fdatasync is still in the page cache. Recovery
 * fsyncs every kept segment and the partition directory before it publishes the mark
 * (with `fsync`), so a later power loss cannot take back records below the mark.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { DURABLE_MARK_BYTES, durableMarkPath, encodeDurableMark, readDurableMark, type DurableMark } from './durable-mark.ts';
import { fsyncDir, isErrno } from './fs-util.ts';
import type { ResolvedEmbeddedLogOptions } from './options.ts';
import { decodeRecord } from './record-format.ts';
import { listSegments, segmentPath } from './segment-files.ts';

/**
 * The file-system calls recovery makes on the files it keeps, injectable so tests can
 * record (or fault) them. @default nodeRecoveryFs (node:fs/promises, fsyncDir)
 */
export interface RecoveryFs {
  /** `open` of node:fs/promises. */
  open(path: string, flags: string): Promise<FileHandle>;
  /** fsync of a directory, making the entries created in it durable. */
  syncDir(dir: string): Promise<void>;
}

export const nodeRecoveryFs: RecoveryFs = { open: (path, flags) => open(path, flags), syncDir: fsyncDir };

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

/**
 * Opens a partition directory for writing (creating its first segment when there is
 * none): scans the last segment, truncates a torn tail with a warning, and publishes
 * the recovered end as the durable mark.
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
  const base = bases[bases.length - 1]!;
  const path = segmentPath(dir, base);
  const scan = await scanSegment(path, base, options.readChunkBytes);
  const segment = await fs.open(path, 'r+');
  let markFile: FileHandle | undefined;
  try {
    const nextOffset = base + scan.records;
    if (scan.validBytes < scan.fileBytes) {
      options.logger.warn('embedded log: truncating torn tail of segment', {
        topic,
        partition,
        segment: path,
        validBytes: scan.validBytes,
        fileBytes: scan.fileBytes,
        droppedBytes: scan.fileBytes - scan.validBytes,
        reason: scan.stopReason,
        nextOffset,
      });
      await segment.truncate(scan.validBytes);
    }
    const durable: DurableMark = { nextOffset, segmentBase: base, segmentBytes: scan.validBytes };
    markFile = await openOrCreate(fs, durableMarkPath(dir));
    const previous = await readDurableMark(markFile);
    if (previous && previous.nextOffset > nextOffset)
      options.logger.error(
        'embedded log: the durable mark was ahead of the recovered data; acknowledged records are missing (did the disk lose fsynced writes?)',
        {
          topic,
          partition,
          markNextOffset: previous.nextOffset,
          recoveredNextOffset: nextOffset,
        },
      );
    // The mark publishes everything kept as durable, so first make it so: a crashed
    // round may have left an intact tail that reached the page cache but was never
    // fsynced, in the last segment and in the earlier ones it rolled over from (and a
    // run with fsync: false never synced anything). Then the directory: the entries of
    // segments created (and of the mark file) by a round that died before its fsync.
    // A truncation is synced even without `fsync`, as before: cheap, and it keeps a
    // torn tail from coming back.
    if (options.fsync) for (const b of bases) if (b !== base) await syncFile(fs, segmentPath(dir, b));
    if (options.fsync || scan.validBytes < scan.fileBytes) await segment.datasync();
    if (options.fsync) await fs.syncDir(dir);
    await markFile.write(encodeDurableMark(durable), 0, DURABLE_MARK_BYTES, 0);
    if (options.fsync) await markFile.sync();
    return { bases, segment, markFile, durable };
  } catch (err) {
    await segment.close().catch(() => {});
    await markFile?.close().catch(() => {});
    throw err;
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
