/**
 * A consumer's read position in one partition, reading segment files in large chunks
 * and parsing records in memory (one pread per chunk, none per record).
 *
 * Only records below the durable mark are returned, and each must be complete with a
 * valid CRC: bytes past the mark may be a round still being written (or, after a crash,
 * a torn tail that recovery will cut), so the cursor never looks at them. A bad record
 * below the mark (damaged disk) stops the partition there, with a warning, and is
 * retried on the next fetch rather than skipped or delivered.
 *
 * Value lifetime: a record's `value` is a view into the chunk buffer it was read with.
 * Chunks are never reused, so values stay valid as long as they are referenced; keeping
 * one keeps its whole chunk (≤ readChunkBytes, or one record) in memory: copy values you
 * keep for long.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { ConsumedRecord } from '../types.ts';
import type { DurableMark } from './durable-mark.ts';
import type { EmbeddedLogLogger } from './options.ts';
import type { PartitionSource } from './partition-source.ts';
import { decodeRecord, peekRecord } from './record-format.ts';
import { segmentFor, segmentPath } from './segment-files.ts';

export interface CursorOptions {
  readChunkBytes: number;
  logger: EmbeddedLogLogger;
}

export interface Fetched {
  records: ConsumedRecord[];
  nextOffset: number;
  highWatermark: number;
}

interface Chunk {
  buf: Buffer;
  /** File position of buf[0]. */
  filePos: number;
  length: number;
  /** No readable byte follows the chunk (durable limit or end of file). */
  atEnd: boolean;
}

export class PartitionCursor {
  private segBase = -1;
  private fh: FileHandle | undefined;
  /** File position of the record at `nextOffset` (valid once positioned). */
  private pos = 0;
  private positioned = false;
  private chunk: Chunk | undefined;
  private warnedAt = -1;

  constructor(
    private readonly source: PartitionSource,
    /** The next offset to return. */
    public nextOffset: number,
    private readonly options: CursorOptions,
  ) {}

  get topic(): string {
    return this.source.topic;
  }

  get partition(): number {
    return this.source.partition;
  }

  /** Up to `maxRecords` / about `maxBytes` of durable records from `nextOffset`; may be empty. */
  async fetch(maxRecords: number, maxBytes: number): Promise<Fetched> {
    const mark = await this.source.mark();
    const records: ConsumedRecord[] = [];
    if (this.nextOffset < mark.nextOffset) {
      if (!this.positioned) await this.seek(mark);
      if (this.positioned) await this.readInto(records, mark, maxRecords, maxBytes);
    }
    return { records, nextOffset: this.nextOffset, highWatermark: mark.nextOffset };
  }

  async close(): Promise<void> {
    this.chunk = undefined;
    await this.fh?.close().catch(() => {});
    this.fh = undefined;
  }

  /** Byte limit of the current segment: all of a sealed one, the durable part of the last. */
  private limitOf(mark: DurableMark): number {
    return this.segBase === mark.segmentBase ? mark.segmentBytes : Number.MAX_SAFE_INTEGER;
  }

  private async openSegment(base: number): Promise<void> {
    await this.close();
    this.fh = await open(segmentPath(this.source.dir, base), 'r');
    this.segBase = base;
    this.pos = 0;
  }

  /** Finds the segment and byte position of `nextOffset` (walking record headers only). */
  private async seek(mark: DurableMark): Promise<void> {
    const bases = await this.source.segmentBases();
    let base = segmentFor(bases, this.nextOffset);
    if (base === undefined) {
      if (bases.length === 0) return;
      // Below the first segment: start at the earliest record (Kafka's auto.offset.reset=earliest).
      base = bases[0]!;
      this.nextOffset = base;
    }
    await this.openSegment(base);
    const limit = this.limitOf(mark);
    let need = 0;
    while (true) {
      const chunk = await this.readChunk(this.pos, limit, need);
      if (!chunk) return; // not there (yet): seek again on the next fetch
      need = 0;
      let p = this.pos - chunk.filePos;
      while (p < chunk.length) {
        const peek = peekRecord(chunk.buf, p, chunk.length);
        if (peek.kind === 'corrupt') {
          this.warnOnce(peek.reason, {});
          return;
        }
        if (peek.kind === 'incomplete') {
          if (chunk.atEnd) return;
          need = peek.needBytes;
          break;
        }
        if (peek.offset >= this.nextOffset) {
          this.pos = chunk.filePos + p;
          this.nextOffset = peek.offset;
          this.positioned = true;
          return;
        }
        p = peek.end; // may be past this chunk: the next read starts there
      }
      this.pos = chunk.filePos + p;
    }
  }

  private async readInto(records: ConsumedRecord[], mark: DurableMark, maxRecords: number, maxBytes: number): Promise<void> {
    let bytes = 0;
    let need = 0;
    while (records.length < maxRecords && bytes < maxBytes && this.nextOffset < mark.nextOffset) {
      const chunk = await this.readChunk(this.pos, this.limitOf(mark), need);
      if (!chunk) {
        // End of this segment's readable bytes; a sealed segment continues in the next one.
        if (this.segBase < mark.segmentBase && (await this.nextSegment())) continue;
        return;
      }
      need = 0;
      let p = this.pos - chunk.filePos;
      while (p < chunk.length && records.length < maxRecords && bytes < maxBytes) {
        const d = decodeRecord(chunk.buf, p, chunk.length);
        if (d.kind === 'incomplete') {
          if (chunk.atEnd) {
            this.warnOnce('incomplete record below the durable mark', { needBytes: d.needBytes });
            return;
          }
          need = d.needBytes; // read again from this record, with room for all of it
          break;
        }
        if (d.kind === 'corrupt' || d.record.offset !== this.nextOffset) {
          this.warnOnce(d.kind === 'corrupt' ? d.reason : `offset ${d.record.offset} where ${this.nextOffset} was expected`, {});
          return;
        }
        const r = d.record;
        records.push({
          topic: this.source.topic,
          partition: this.source.partition,
          offset: r.offset,
          key: r.key,
          value: r.value,
          timestampMs: r.timestampMs,
        });
        bytes += r.end - r.start;
        p = r.end;
        this.pos = chunk.filePos + p;
        this.nextOffset = r.offset + 1;
        if (this.nextOffset >= mark.nextOffset) return;
      }
    }
  }

  /** Moves to the segment starting at nextOffset; false when it is not there. */
  private async nextSegment(): Promise<boolean> {
    const bases = await this.source.segmentBases();
    const base = segmentFor(bases, this.nextOffset);
    if (base === undefined || base <= this.segBase) {
      this.warnOnce('sealed segment ends before the durable mark and no next segment', {});
      return false;
    }
    await this.openSegment(base);
    return true;
  }

  /**
   * The chunk holding the bytes from `pos`: the last one while `pos` is inside it and no
   * larger read is `need`ed, else a new read of max(readChunkBytes, need) bytes bounded
   * by `limit`; undefined at the limit or the end of the file.
   */
  private async readChunk(pos: number, limit: number, need: number): Promise<Chunk | undefined> {
    const c = this.chunk;
    if (need === 0 && c && pos >= c.filePos && pos < c.filePos + c.length) return c;
    if (pos >= limit) return undefined;
    const size = Math.min(Math.max(this.options.readChunkBytes, need), limit - pos);
    const buf = Buffer.allocUnsafeSlow(size);
    const { bytesRead } = await this.fh!.read(buf, 0, size, pos);
    if (bytesRead === 0) return undefined;
    this.chunk = { buf, filePos: pos, length: bytesRead, atEnd: bytesRead < size || pos + bytesRead >= limit };
    return this.chunk;
  }

  /** Stops at an unreadable record: forget the chunk so the next fetch reads the bytes again. */
  private warnOnce(reason: string, fields: Record<string, unknown>): void {
    this.chunk = undefined;
    if (this.warnedAt === this.nextOffset) return;
    this.warnedAt = this.nextOffset;
    this.options.logger.warn('embedded log: consumer stopped at an unreadable record; will retry', {
      topic: this.source.topic,
      partition: this.source.partition,
      offset: this.nextOffset,
      segmentBase: this.segBase,
      position: this.pos,
      reason,
      ...fields,
    });
  }
}
