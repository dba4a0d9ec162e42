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
import {
  batchDigest,
  checkSdkHealth,
  type BatchAckData,
  type CheckedSdkHealth,
  type EventBatchData,
  type EventData,
} from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';
import { verifySignature, type IngestKey } from '../keys/index.ts';
import type { Admission } from '../limits/index.ts';
import { appendDurably } from './append.ts';
import { checkBatch } from './check-batch.ts';
import { decodeBatch } from './decode.ts';
import { decompressBody } from './decompress.ts';
import { correctEventTimes, type TimeCorrection } from './event-time.ts';
import { jsonBatchToProtobuf } from './json-batch.ts';
import { buildRecords, type BatchIdentity, type BatchRecords } from './records.ts';
import type { IngestDeps, IngestInput, IngestResult } from './types.ts';
import { splitEvents, type RejectedEvent } from './validate-events.ts';

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

/**
 * What the processor's dedup needs of the batch as received: its stream and split parent
 * as sent, and the digest of every event id in order — rejected events included, so a
 * re-send (same bytes, same rejections) gets the same digest whatever validation says.
 */
function identityOf(batch: EventBatchData, events: readonly EventData[]): BatchIdentity {
  const ids = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) ids[i] = events[i]!.eventId ?? '';
  return {
    // A random uint64: above 2^53 it decodes rounded, the same way for every copy.
    streamId: typeof batch.streamId === 'number' && Number.isFinite(batch.streamId) && batch.streamId > 0 ? batch.streamId : 0,
    batchDigest: batchDigest(ids),
    splitOfSequence: safeOrZero(batch.splitOfSequence),
    splitParentDigest: safeOrZero(batch.splitParentDigest),
  };
}

const safeOrZero = (n: number | null | undefined): number => (typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0);

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

async function run(
  input: IngestInput,
  deps: IngestDeps,
  key: IngestKey,
  admission: Admission | undefined,
  seen: { batchSequence: number },
): Promise<IngestResult> {
  const { limits } = deps;
  const body = await decompressBody(input, limits);
  if (!body.ok) return body;
  if (admission && body.bytes !== input.body && !admission.hold(body.bytes.length))
    return failure('GP_SERVER_OVERLOADED', 'too many decompressed bytes in flight; retry later', limits.logRetryAfterS);

  const prepared = prepare(input, deps, key, body.bytes, seen);
  if (!prepared.ok) return prepared;

  const appendStart = deps.now();
  admission?.appendStarted();
  const appended = await appendDurably(deps.producer, deps.topics, prepared.records, limits.logRetryAfterS);
  admission?.appendFinished();
  if (deps.metrics) {
    deps.metrics.logAppendLatency.observe({ outcome: appended.ok ? 'ok' : 'failed' }, (deps.now() - appendStart) / 1000);
    if (appended.ok) {
      if (prepared.accepted) deps.metrics.eventsAccepted.inc({ key_id: key.keyId }, prepared.accepted);
      for (const r of prepared.rejections) deps.metrics.eventsRejected.inc({ code: r.code });
      for (const c of prepared.timeCorrections) deps.metrics.eventTimeCorrections.inc({ reason: c.reason, method: c.method });
      countSdkHealth(deps.metrics, key, prepared.health);
    }
  }
  if (!appended.ok) return appended;

  const ack: BatchAckData = {
    batchSequence: prepared.batchSequence,
    accepted: prepared.accepted,
    rejected: prepared.rejections,
    serverTimeMs: deps.now(),
  };
  return { ok: true, ack, keyId: key.keyId };
}

/** The batch's sdk_health on the collector's metrics (labels: the key's game and id, reasons from a closed set). */
function countSdkHealth(metrics: NonNullable<IngestDeps['metrics']>, key: IngestKey, health: CheckedSdkHealth): void {
  for (const [reason, n] of Object.entries(health.droppedByReason))
    metrics.sdkDropped.inc({ game_id: key.gameId, key_id: key.keyId, reason }, n);
  if (health.queued !== undefined) metrics.sdkQueued.observe(health.queued);
  if (health.unknownReasons) metrics.sdkHealthProblems.inc({ problem: 'unknown_reason' }, health.unknownReasons);
  if (health.invalid) metrics.sdkHealthProblems.inc({ problem: 'invalid_count' }, health.invalid);
}

/** What the durable append and the ack need of a checked batch; nothing else. */
interface Prepared {
  ok: true;
  records: BatchRecords;
  batchSequence: number;
  accepted: number;
  rejections: RejectedEvent['rejection'][];
  timeCorrections: readonly TimeCorrection[];
  health: CheckedSdkHealth;
}

/**
 * Decode, checks, validation and the log records, synchronously. Kept apart from the
 * await on the append on purpose: the decoded batch (an object per event and field)
 * becomes garbage as soon as the records are built, instead of staying reachable from
 * the suspended request for the whole group-commit wait. Under load, requests waiting
 * on fsync kept ~35 MB of decoded events alive across young-generation collections,
 * and the collector spent ~30 % of its CPU copying them (--trace-gc).
 */
function prepare(
  input: IngestInput,
  deps: IngestDeps,
  key: IngestKey,
  decompressed: Uint8Array,
  seen: { batchSequence: number },
): Prepared | CollectorFailure {
  const { limits } = deps;
  let bytes = decompressed;
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
    { receivedAtMs: input.receivedAtMs, sentAtMs: batch.sentAtMs, clockOffsetMs: batch.clockOffsetMs },
    {
      maxFutureMs: limits.eventTimeMaxFutureMs,
      maxPastMs: limits.eventTimeMaxPastMs,
      correctSkewAboveMs: limits.eventTimeCorrectSkewAboveMs,
    },
  );
  // Loss accounting: reasons from a closed set, believable counts (proto/src/sdk-health.ts).
  const health = checkSdkHealth(batch.sdkHealth);
  const context = deps.enricher ? deps.enricher.enrich(checked.context, input.remote.ip, input.remote.userAgent) : checked.context;

  const records = buildRecords({
    installId: checked.installId,
    batchSequence: checked.batchSequence,
    identity: identityOf(batch, events),
    context,
    sentAtMs: batch.sentAtMs,
    receivedAtMs: input.receivedAtMs,
    key,
    valid,
    rejected,
    eventBytes: decoded.eventBytes,
    timeCorrections,
    health,
  });
  return {
    ok: true,
    records,
    batchSequence: checked.batchSequence,
    accepted: valid.length,
    rejections: rejected.map((r) => r.rejection),
    timeCorrections,
    health,
  };
}
