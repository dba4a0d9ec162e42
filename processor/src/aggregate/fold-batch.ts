/**
 * Folds the events of one accepted (not duplicate) batch into the accumulator: event
 * time → window, dimensions, payload fields, and the player's window row.
 */
import { payloadOf, type IngestedBatchData } from '@gamepulse/proto';
import { int64 } from '../num.ts';
import { dayStartMs, eventTimeMs, windowStartMs } from '../windows/tumbling.ts';
import type { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { firstSeenDay, type FirstSeenTable } from './first-seen.ts';
import { rollupFields } from './rollup-fields.ts';

export interface FoldResult {
  events: number;
  /** Events whose client timestamp was unusable: windowed by the batch's receive time. */
  timeFallbacks: number;
}

/**
 * `appendedAtMs` is the log's timestamp of the record: the event time of last resort
 * (see `eventTimeMs`).
 */
export function foldBatch(batch: IngestedBatchData, acc: RollupAccumulator, firstSeen: FirstSeenTable, appendedAtMs: number): FoldResult {
  const batchDims = dimsOf(undefined, batch.context);
  const receivedAtMs = int64(batch.receivedAtMs);
  const installId = batch.installId ?? '';
  let timeFallbacks = 0;
  const events = batch.events ?? [];
  for (const e of events) {
    const time = eventTimeMs(int64(e.clientTsMs), receivedAtMs, appendedAtMs);
    if (time.fallback) timeFallbacks += 1;
    const windowMs = windowStartMs(time.tsMs);
    const dims = e.context ? dimsOf(e.context, batch.context) : batchDims;
    const payload = payloadOf(e);
    acc.addEvent(windowMs, dims, rollupFields(e, payload));
    // "account id once identified, else the install id" — fall back the same way here.
    const playerId = e.playerId || e.installId || installId;
    const cohortDayMs = firstSeenDay(firstSeen, playerId, dayStartMs(time.tsMs));
    acc.addPlayer(windowMs, dims, playerId, cohortDayMs, payload === 'purchase', payload === 'sessionStart');
  }
  return { events: events.length, timeFallbacks };
}
