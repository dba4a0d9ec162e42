/**
 * The one ingestion pipeline behind every transport:
 *
 *   key → signature → key rate (cheap) → admission (backpressure) → decompress (capped)
 *       → JSON → protobuf (JSON bodies) → decode → batch checks → game → key/player rate
 *       → per-event validation (partial success) → event-time rule → enrichment
 *       → durable append → ack
 *
 * Each step returns a value; the first refusal ends the request with a stable code.
 * Nothing is acknowledged before the log made the write durable.
 */
import type { BatchAckData, EventData } from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';
import { verifySignature } from '../keys/index.ts';
import type { IngestKey } from '../keys/index.ts';
import type { Admission } from '../limits/index.ts';
import { appendDurably } from './append.ts';
import { checkBatch } from './check-batch.ts';
import { decodeBatch } from './decode.ts';
import { decompressBody } from './decompress.ts';
import { correctEventTimes } from './event-time.ts';
import { jsonBatchToProtobuf } from './json-batch.ts';
import { buildRecords } from './records.ts';
import type { IngestDeps, IngestInput, IngestResult } from './types.ts';
import { splitEvents } from './validate-events.ts';

/** Key and signature: the checks that come before anything costs memory. */
export function admitKey(input: IngestInput, deps: IngestDeps): { ok: true; key: IngestKey } | CollectorFailure {
  let key = input.authenticatedKey;
  if (!key) {
    const auth = deps.keys.authenticate(input.key, input.receivedAtMs);
    if (!auth.ok) return auth;
    key = auth.key;
  }
  const signed = verifySignature(key, input.signature, input.body, deps.now(), deps.limits.signatureToleranceS);
  if (!signed.ok) return signed;
  if (deps.rateLimiter) {
    const rate = deps.rateLimiter.admitKey(key, input.receivedAtMs);
    if (!rate.ok) return rate;
  }
  return { ok: true, key };
}

/** Events per player of the batch (player_id, else the install id), for per-player limits. */
function playersOf(events: readonly EventData[], installId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    const id = e.playerId || installId;
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  if (out.size === 0) out.set(installId, 0);
  return out;
}

export async function ingestBatch(input: IngestInput, deps: IngestDeps): Promise<IngestResult> {
  const admitted = admitKey(input, deps);
  if (!admitted.ok) return admitted;
  let admission: Admission | undefined;
  if (deps.shedder) {
    const a = deps.shedder.admit(input.body.length);
    if ('ok' in a) return a;
    admission = a;
  }
  const seen = { batchSequence: 0 };
  try {
    const result = await run(input, deps, admitted.key, admission, seen);
    return result.ok || !seen.batchSequence ? result : { ...result, batchSequence: seen.batchSequence };
  } finally {
    admission?.release();
  }
}

async function run(input: IngestInput, deps: IngestDeps, key: IngestKey, admission: Admission | undefined, seen: { batchSequence: number }): Promise<IngestResult> {
  const { limits } = deps;
  const body = await decompressBody(input, limits);
  if (!body.ok) return body;
  if (admission && body.bytes !== input.body && !admission.hold(body.bytes.length))
    return failure('GP_SERVER_OVERLOADED', 'too many decompressed bytes in flight; retry later', limits.logRetryAfterS);

  let bytes = body.bytes;
  if (input.format === 'json') {
    const converted = jsonBatchToProtobuf(bytes);
    if (!converted.ok) return converted;
    bytes = converted.bytes;
  }
  deps.metrics?.batchBytes.observe(bytes.length);

  const decoded = decodeBatch(bytes);
  if (!decoded.ok) return decoded;
  const batch = decoded.batch;
  if (typeof batch.batchSequence === 'number' && Number.isSafeInteger(batch.batchSequence)) seen.batchSequence = batch.batchSequence;

  const checked = checkBatch(batch, key, limits.maxEventsPerBatch);
  if (!checked.ok) return checked;

  const events = batch.events ?? [];
  deps.metrics?.batchEvents.observe(events.length);
  if (deps.rateLimiter) {
    const rate = deps.rateLimiter.charge(key, events.length, playersOf(events, checked.installId), input.receivedAtMs);
    if (!rate.ok) return rate;
  }
  const { valid, rejected } = splitEvents(events, checked.installId, key.gameId);

  const timeCorrections = correctEventTimes(
    valid.map((v) => ({ index: v.index, clientTsMs: v.event.clientTsMs as number })),
    { receivedAtMs: input.receivedAtMs, sentAtMs: batch.sentAtMs as number | null | undefined, clockOffsetMs: batch.clockOffsetMs as number | null | undefined },
    { maxFutureMs: limits.eventTimeMaxFutureMs, maxPastMs: limits.eventTimeMaxPastMs, correctSkewAboveMs: limits.eventTimeCorrectSkewAboveMs },
  );
  const context = deps.enricher ? deps.enricher.enrich(checked.context, input.remote.ip, input.remote.userAgent) : checked.context;

  const records = buildRecords({
    installId: checked.installId,
    batchSequence: checked.batchSequence,
    context,
    sentAtMs: batch.sentAtMs as number | null | undefined,
    receivedAtMs: input.receivedAtMs,
    key,
    valid,
    rejected,
    eventBytes: decoded.eventBytes,
    timeCorrections,
  });

  const appendStart = deps.now();
  admission?.appendStarted();
  const appended = await appendDurably(deps.producer, deps.topics, records, limits.logRetryAfterS);
  admission?.appendFinished();
  if (deps.metrics) {
    deps.metrics.logAppendLatency.observe({ outcome: appended.ok ? 'ok' : 'failed' }, (deps.now() - appendStart) / 1000);
    if (appended.ok) {
      if (valid.length) deps.metrics.eventsAccepted.inc({ key_id: key.keyId }, valid.length);
      for (const r of rejected) deps.metrics.eventsRejected.inc({ code: r.rejection.code });
      for (const c of timeCorrections) deps.metrics.eventTimeCorrections.inc({ reason: c.reason, method: c.method });
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
