/**
 * `append`: route each record to its partition (partitionForKey, the same murmur2 as
 * Kafka's Java client), encode each partition's share into one buffer, queue it with
 * that partition's writer and resolve when every touched partition made it durable.
 *
 * If some partitions succeed and one fails, the append fails as a whole and a retry
 * writes the succeeded part again: at-least-once, like a non-transactional Kafka
 * producer. The processor's dedup absorbs it.
 */
import type { AppendResult, LogFailure, LogRecord } from '../types.ts';
import { partitionForKey } from '../partitioner.ts';
import { failure } from './errors.ts';
import type { PartitionAppendResult, PartitionWriter } from './partition-writer.ts';
import { encodedSize, encodeRecords } from './record-format.ts';

export interface AppendContext {
  /** The topic's writers by partition, undefined for an unknown topic. */
  writers(topic: string): readonly PartitionWriter[] | undefined;
  /** Non-undefined once the log is closed. */
  closed(): LogFailure | undefined;
  maxRecordBytes: number;
  now: () => number;
}

export async function appendRecords(ctx: AppendContext, topic: string, records: readonly LogRecord[]): Promise<AppendResult> {
  const closed = ctx.closed();
  if (closed) return closed;
  const writers = ctx.writers(topic);
  if (!writers) return failure('GP_LOG_UNKNOWN_TOPIC', `topic "${topic}" does not exist`, false);
  const given: unknown = records; // for JS callers; Array.isArray(records) would narrow records to any[]
  if (!Array.isArray(given)) throw new TypeError('append: records must be an array');
  const count = records.length;
  if (count === 0) return { ok: true, placements: [] };

  const n = writers.length;
  const partitionOf = new Int32Array(count);
  const keyBytes = new Int32Array(count);
  const indexInPartition = new Int32Array(count);
  const recordsPer = new Int32Array(n);
  const bytesPer = new Float64Array(n);
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    if (typeof r?.key !== 'string' || !(r.value instanceof Uint8Array))
      throw new TypeError(`append: record ${i} needs a string key and a Uint8Array value`);
    if (r.timestampMs !== undefined && !Number.isSafeInteger(r.timestampMs))
      throw new TypeError(`append: record ${i} has timestampMs ${r.timestampMs}; use integer milliseconds`);
    const k = Buffer.byteLength(r.key, 'utf8');
    if (k + r.value.length > ctx.maxRecordBytes)
      return failure(
        'GP_LOG_RECORD_TOO_LARGE',
        `record ${i} has ${k + r.value.length} bytes of key and value; the limit is ${ctx.maxRecordBytes}`,
        false,
      );
    if (r.partition !== undefined && (!Number.isInteger(r.partition) || r.partition < 0 || r.partition >= n))
      throw new TypeError(`append: record ${i} has partition ${r.partition}; ${topic} has ${n} partition(s)`);
    const p = r.partition ?? (n === 1 ? 0 : partitionForKey(r.key, n));
    partitionOf[i] = p;
    keyBytes[i] = k;
    indexInPartition[i] = recordsPer[p]!++;
    bytesPer[p]! += encodedSize(k, r.value.length);
  }

  const defaultTs = ctx.now();
  const tickets = new Array<Promise<PartitionAppendResult> | undefined>(n);
  for (let p = 0; p < n; p++) {
    if (recordsPer[p] === 0) continue;
    const indices = recordsPer[p] === count ? range(count) : indicesOf(partitionOf, p, recordsPer[p]!);
    tickets[p] = writers[p]!.append(encodeRecords(records, indices, keyBytes, bytesPer[p]!, defaultTs));
  }

  const bases = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const t = tickets[p];
    if (!t) continue;
    const result = await t;
    if (!result.ok) {
      // Let the other partitions settle first so a retry does not race them.
      await Promise.all(tickets.filter((ticket) => ticket !== undefined));
      return result;
    }
    bases[p] = result.baseOffset;
  }
  const placements = new Array<{ partition: number; offset: number }>(count);
  for (let i = 0; i < count; i++) {
    const p = partitionOf[i]!;
    placements[i] = { partition: p, offset: bases[p]! + indexInPartition[i]! };
  }
  return { ok: true, placements };
}

function range(count: number): Int32Array {
  const a = new Int32Array(count);
  for (let i = 0; i < count; i++) a[i] = i;
  return a;
}

function indicesOf(partitionOf: Int32Array, p: number, size: number): Int32Array {
  const out = new Int32Array(size);
  let j = 0;
  for (let i = 0; i < partitionOf.length; i++) if (partitionOf[i] === p) out[j++] = i;
  return out;
}
