/**
 * An events-topic record → an IngestedBatch (the fields the fold reads: fold-view.ts),
 * or the dead letter it becomes. A poison record must neither crash the processor nor
 * stall its partition: it is committed as a dead letter together with the position
 * that skips it, so it is reported exactly once.
 */
import type { ConsumedRecord } from '@gamepulse/log';
import type { DeadLetterData, IngestedBatchData } from '@gamepulse/proto';
import { decodeFoldBatch } from './fold-view.ts';
import type { ProcessorCode } from './codes.ts';
import type { StreamKey } from './dedup/install-dedup.ts';
import type { BatchIdentity } from './dedup/install-window.ts';
import { int64 } from './num.ts';

export type DecodedRecord =
  | { ok: true; batch: IngestedBatchData; installId: string; batchSequence: number; stream: StreamKey; identity: BatchIdentity }
  | { ok: false; code: ProcessorCode; deadLetter: DeadLetterData };

function deadLetter(rec: ConsumedRecord, code: ProcessorCode, message: string, keyId = ''): DecodedRecord {
  return { ok: false, code, deadLetter: deadLetterOf(rec, code, message, keyId) };
}

/** The record as a dead letter with `code`; `raw` is the record's value as read. */
export function deadLetterOf(rec: ConsumedRecord, code: ProcessorCode, message: string, keyId = ''): DeadLetterData {
  return {
    code,
    message: `${message} (${rec.topic}/${rec.partition}@${rec.offset})`,
    keyId,
    receivedAtMs: rec.timestampMs,
    raw: rec.value,
    source: 'processor',
  };
}

/** A number field of the record, or 0 when absent or not a usable value. */
const positive = (v: number | null | undefined, safe: boolean): number =>
  typeof v === 'number' && v > 0 && (safe ? Number.isSafeInteger(v) : Number.isFinite(v)) ? v : 0;

export function decodeRecord(rec: ConsumedRecord): DecodedRecord {
  let batch: IngestedBatchData;
  try {
    batch = decodeFoldBatch(rec.value);
  } catch (err) {
    return deadLetter(rec, 'GP_PROCESSOR_RECORD_UNDECODABLE', `undecodable IngestedBatch: ${(err as Error).message}`);
  }
  // Dedup needs both; the collector always sets them, so their absence means the record
  // was not written by a collector (or by a broken one).
  const batchSequence = int64(batch.batchSequence);
  if (!batch.installId || !Number.isSafeInteger(batchSequence) || batchSequence < 1)
    return deadLetter(
      rec,
      'GP_PROCESSOR_RECORD_INVALID',
      `install_id "${batch.installId ?? ''}", batch_sequence ${batchSequence}`,
      batch.keyId ?? '',
    );
  return {
    ok: true,
    batch,
    installId: batch.installId,
    batchSequence,
    stream: { gameId: batch.context?.gameId ?? '', installId: batch.installId, streamId: positive(int64(batch.streamId), false) },
    identity: {
      seq: batchSequence,
      digest: positive(batch.batchDigest, true),
      splitOf: positive(int64(batch.splitOfSequence), true),
      splitParentDigest: positive(batch.splitParentDigest, true),
    },
  };
}
