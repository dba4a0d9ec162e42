/**
 * Pure helpers of the producer: records → kafkajs messages with an explicit partition,
 * batching within the broker's record-batch limit, and the offset of every record.
 *
 * Offsets: a produce response gives one base offset per partition, the offset of the
 * first record of the request's record batch for that partition. kafkajs builds that
 * batch from the request's messages for the partition in input order (it concatenates
 * same-topic messages in order, then groups by partition keeping order), so record i of
 * a partition's run has offset base + i. Within ONE record batch offsets are dense; only
 * between batches can Kafka skip offsets (transaction markers), which this never assumes.
 */
import type { Message, RecordMetadata } from 'kafkajs';
import { partitionForKey } from '../partitioner.ts';
import type { LogRecord } from '../types.ts';

/** Per-record overhead counted against maxBatchBytes: record headers, varints, timestamp. */
export const RECORD_OVERHEAD_BYTES = 64;

export interface PartitionedMessage {
  partition: number;
  message: Message;
  /** Uncompressed size estimate: key + value + RECORD_OVERHEAD_BYTES. */
  bytes: number;
}

export interface Placement {
  partition: number;
  offset: number;
}

/** What one produce request carries for one append (or one chunk of it). */
export interface AppendPart {
  topic: string;
  messages: PartitionedMessage[];
}

const encoder = new TextEncoder();

function asBuffer(value: Uint8Array): Buffer {
  // A view, not a copy: Buffer is a Uint8Array over the same memory.
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * kafkajs messages with the partition set by our `partitionForKey` (or the record's
 * explicit `partition`), so kafkajs's partitioner is bypassed.
 */
export function toMessages(records: LogRecord[], partitions: number, nowMs: number): PartitionedMessage[] {
  return records.map((r, i) => {
    if (r.partition !== undefined && (!Number.isInteger(r.partition) || r.partition < 0 || r.partition >= partitions))
      throw new TypeError(`append: record ${i} has partition ${r.partition}; the topic has ${partitions} partition(s)`);
    const partition = r.partition ?? partitionForKey(r.key, partitions);
    const key = encoder.encode(r.key);
    return {
      partition,
      message: { key: asBuffer(key), value: asBuffer(r.value), partition, timestamp: String(r.timestampMs ?? nowMs) },
      bytes: key.byteLength + r.value.byteLength + RECORD_OVERHEAD_BYTES,
    };
  });
}

/**
 * Splits one append into consecutive chunks so that no partition gets more than
 * `maxBatchBytes` in one chunk (a record larger than that forms its own chunk and the
 * broker decides). Order within each partition is kept because chunks are sent in order.
 */
export function splitByPartitionBytes(messages: PartitionedMessage[], maxBatchBytes: number): PartitionedMessage[][] {
  const chunks: PartitionedMessage[][] = [];
  let current: PartitionedMessage[] = [];
  let bytes = new Map<number, number>();
  for (const m of messages) {
    const used = bytes.get(m.partition) ?? 0;
    if (used > 0 && used + m.bytes > maxBatchBytes) {
      chunks.push(current);
      current = [];
      bytes = new Map();
    }
    current.push(m);
    bytes.set(m.partition, (bytes.get(m.partition) ?? 0) + m.bytes);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * How many queued appends (from the front, at least one) fit into one request without
 * any (topic, partition) exceeding `maxBatchBytes`.
 */
export function coalescibleCount(queue: readonly AppendPart[], maxBatchBytes: number): number {
  const bytes = new Map<string, number>();
  let n = 0;
  for (const part of queue) {
    const add = new Map<string, number>();
    for (const m of part.messages) {
      const k = `${part.topic}\u0000${m.partition}`;
      add.set(k, (add.get(k) ?? 0) + m.bytes);
    }
    const fits = [...add].every(([k, b]) => (bytes.get(k) ?? 0) + b <= maxBatchBytes);
    if (!fits && n > 0) break;
    for (const [k, b] of add) bytes.set(k, (bytes.get(k) ?? 0) + b);
    n++;
    if (!fits) break; // an oversized first append goes alone (and is split by the caller)
  }
  return n;
}

/** Base offset per (topic, partition) from kafkajs's send result. */
export function baseOffsets(results: readonly RecordMetadata[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of results) {
    const base = r.baseOffset ?? r.offset;
    if (base === undefined) continue;
    out.set(`${r.topicName}\u0000${r.partition}`, Number(base));
  }
  return out;
}

/**
 * The offset of every message of every part, parts in request order. Throws when the
 * response lacks a partition we sent to (a kafkajs/broker contract violation).
 */
export function placeParts(parts: readonly AppendPart[], bases: ReadonlyMap<string, number>): Placement[][] {
  const next = new Map<string, number>();
  return parts.map((part) =>
    part.messages.map((m) => {
      const k = `${part.topic}\u0000${m.partition}`;
      const base = bases.get(k);
      if (base === undefined) throw new Error(`produce response has no offset for ${part.topic}/${m.partition}`);
      const i = next.get(k) ?? 0;
      next.set(k, i + 1);
      return { partition: m.partition, offset: base + i };
    }),
  );
}

/** kafkajs's topicMessages for a request: one entry per part (kafkajs merges same-topic entries in order). */
export function topicMessages(parts: readonly AppendPart[]): Array<{ topic: string; messages: Message[] }> {
  return parts.map((p) => ({ topic: p.topic, messages: p.messages.map((m) => m.message) }));
}
