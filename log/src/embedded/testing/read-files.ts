/**
 * Test helper: every record of a partition straight from its segment files (no cursor,
 * no durable mark), and whether anything unreadable follows the last valid record.
 */
import { readFile } from 'node:fs/promises';
import { decodeRecord, type DecodedRecord } from '../record-format.ts';
import { listSegments, segmentPath } from '../segment-files.ts';

export interface PartitionFiles {
  segments: number[];
  records: Array<Omit<DecodedRecord, 'start' | 'end'> & { segment: number }>;
  /** Bytes after the last valid record of each segment (0 when clean). */
  trailingBytes: number[];
}

export async function readPartitionFiles(partitionDirectory: string): Promise<PartitionFiles> {
  const segments = await listSegments(partitionDirectory);
  const records: PartitionFiles['records'] = [];
  const trailingBytes: number[] = [];
  for (const base of segments) {
    const buf = await readFile(segmentPath(partitionDirectory, base));
    let pos = 0;
    while (pos < buf.length) {
      const d = decodeRecord(buf, pos, buf.length);
      if (d.kind !== 'record') break;
      const { start: _s, end, ...rest } = d.record;
      records.push({ ...rest, segment: base });
      pos = end;
    }
    trailingBytes.push(buf.length - pos);
  }
  return { segments, records, trailingBytes };
}
