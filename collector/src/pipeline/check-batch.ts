/**
 * Batch-level checks (before any event is looked at) and the batch context's game:
 * a key writes for exactly one game, so the context's game_id must be that game or
 * empty, in which case the key's game fills it in.
 */
import { LIMITS, validateContext, type ContextData, type EventBatchData } from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';
import type { IngestKey } from '../keys/index.ts';

export interface CheckedBatch {
  ok: true;
  installId: string;
  batchSequence: number;
  /** The batch context with game_id filled in from the key. */
  context: ContextData;
}

export function checkBatch(batch: EventBatchData, key: IngestKey, maxEvents: number): CheckedBatch | CollectorFailure {
  const installId = batch.installId ?? '';
  if (!installId || installId.length > LIMITS.idMaxChars)
    return failure('GP_BATCH_INVALID', `install_id is required, at most ${LIMITS.idMaxChars} characters`);
  const batchSequence = batch.batchSequence ?? 0;
  if (!Number.isSafeInteger(batchSequence) || batchSequence < 1) return failure('GP_BATCH_INVALID', 'batch_sequence must be >= 1');
  const count = batch.events?.length ?? 0;
  if (count > maxEvents) return failure('GP_BATCH_TOO_MANY_EVENTS', `batch has ${count} events; the limit is ${maxEvents}`);

  const given = batch.context?.gameId;
  if (given && given !== key.gameId) return failure('GP_AUTH_GAME_MISMATCH');
  const context: ContextData = { ...batch.context, gameId: key.gameId };
  const issue = validateContext(context, true);
  if (issue) return failure('GP_BATCH_INVALID', `batch ${issue.field} is invalid`);
  return { ok: true, installId, batchSequence, context };
}
