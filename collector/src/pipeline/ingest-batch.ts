/**
 * The one ingestion pipeline behind every transport:
 *
 *   key → body size → decompress (capped) → decode → batch checks → game
 *       → per-event validation (partial success) → enrichment → durable append → ack
 *
 * Each step returns a value; the first refusal ends the request with a stable code.
 * Nothing is acknowledged before the log made the write durable.
 */
import type { BatchAckData } from '@gamepulse/proto';
import { appendDurably } from './append.ts';
import { authenticate } from './authenticate.ts';
import { checkBatch } from './check-batch.ts';
import { decodeBatch } from './decode.ts';
import { decompressBody } from './decompress.ts';
import { buildRecords } from './records.ts';
import type { IngestDeps, IngestInput, IngestResult } from './types.ts';
import { splitEvents } from './validate-events.ts';

export async function ingestBatch(input: IngestInput, deps: IngestDeps): Promise<IngestResult> {
  const auth = authenticate(deps.keys, input.key);
  if (!auth.ok) return auth;
  const key = auth.key;

  const body = await decompressBody(input, deps.limits);
  if (!body.ok) return body;

  const decoded = decodeBatch(body.bytes);
  if (!decoded.ok) return decoded;
  const batch = decoded.batch;

  const checked = checkBatch(batch, key, deps.limits.maxEventsPerBatch);
  if (!checked.ok) return checked;

  const events = batch.events ?? [];
  deps.metrics?.batchEvents.observe(events.length);
  const { valid, rejected } = splitEvents(events, checked.installId, key.gameId);

  const records = buildRecords({
    installId: checked.installId,
    batchSequence: checked.batchSequence,
    context: checked.context,
    sentAtMs: batch.sentAtMs,
    receivedAtMs: input.receivedAtMs,
    key,
    valid,
    rejected,
    eventBytes: decoded.eventBytes,
  });

  const appendStart = deps.now();
  const appended = await appendDurably(deps.producer, deps.topics, records, deps.limits.logRetryAfterS);
  if (deps.metrics) {
    deps.metrics.logAppendLatency.observe({ outcome: appended.ok ? 'ok' : 'failed' }, (deps.now() - appendStart) / 1000);
    if (appended.ok) {
      if (valid.length) deps.metrics.eventsAccepted.inc({ key_id: key.keyId }, valid.length);
      for (const r of rejected) deps.metrics.eventsRejected.inc({ code: r.rejection.code });
    }
  }
  if (!appended.ok) return appended;

  const ack: BatchAckData = {
    batchSequence: checked.batchSequence,
    accepted: valid.length,
    rejected: rejected.map((r) => r.rejection),
    serverTimeMs: deps.now(),
  };
  return { ok: true, ack, keyId: key.keyId };
}
