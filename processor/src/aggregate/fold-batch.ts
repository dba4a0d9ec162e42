/**
 * Folds the events of one accepted (not duplicate) batch into the accumulator: event
 * time → window, dimensions, payload fields, the player's experiment assignment, and
 * the player's window row and step fact.
 */
import { payloadOf, type IngestedBatchData } from '@gamepulse/proto';
import { int64 } from '../num.ts';
import { dayStartMs, eventTimeMs, isUsableTimeMs, windowStartMs } from '../windows/tumbling.ts';
import type { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { assign, assignmentOf, type AssignmentTable } from './assignment.ts';
import { firstSeenDay, type FirstSeenTable } from './first-seen.ts';
import { rollupFieldsInto, type RollupFields } from './rollup-fields.ts';

/** The per-player state of one partition that folding reads and writes. */
export interface PlayerTables {
  firstSeen: FirstSeenTable;
  assignments: AssignmentTable;
}

export interface FoldResult {
  events: number;
  /** Events whose client timestamp was unusable: windowed by the batch's receive time. */
  timeFallbacks: number;
}

/**
 * `appendedAtMs` is the log's timestamp of the record: the event time of last resort
 * (see `eventTimeMs`).
 */
export function foldBatch(batch: IngestedBatchData, acc: RollupAccumulator, players: PlayerTables, appendedAtMs: number): FoldResult {
  const batchDims = dimsOf(undefined, batch.context);
  const receivedAtMs = int64(batch.receivedAtMs);
  const installId = batch.installId ?? '';
  let timeFallbacks = 0;
  const events = batch.events ?? [];
  // The player of the previous event, with its assignment and cohort: a batch is
  // usually one player's, so the state tables are looked up once per batch, not per event.
  let player: string | undefined;
  let variant = '';
  let cohortDayMs: number | undefined;
  const fields: RollupFields = { eventType: '', action: '', currency: '', item: '', variant: '', amount: 0, value: 0 };
  for (const e of events) {
    // The usual case inline: eventTimeMs allocates (rest args, result) for every event.
    const clientTsMs = int64(e.clientTsMs);
    let tsMs = clientTsMs;
    if (!isUsableTimeMs(clientTsMs)) {
      tsMs = eventTimeMs(clientTsMs, receivedAtMs, appendedAtMs).tsMs;
      timeFallbacks += 1;
    }
    const windowMs = windowStartMs(tsMs);
    const dims = e.context ? dimsOf(e.context, batch.context) : batchDims;
    const payload = payloadOf(e);
    // "account id once identified, else the install id" — fall back the same way here.
    const playerId = e.playerId || e.installId || installId;
    if (playerId !== player) {
      player = playerId;
      variant = assignmentOf(players.assignments, playerId);
      cohortDayMs = players.firstSeen.get(playerId);
    }
    rollupFieldsInto(fields, e, payload);
    // The assignment as of this event (assignment.ts): an exposure sets it, and its own
    // row carries it; every other event carries the player's current one.
    if (payload === 'experimentExposure') {
      assign(players.assignments, playerId, fields.variant);
      variant = fields.variant;
    } else fields.variant = variant;
    acc.addEvent(windowMs, dims, fields);
    cohortDayMs ??= firstSeenDay(players.firstSeen, playerId, dayStartMs(tsMs));
    acc.addPlayer(windowMs, dims, playerId, fields.variant, cohortDayMs, payload === 'purchase', payload === 'sessionStart');
    acc.addStep(windowMs, tsMs, dims, playerId, fields);
  }
  return { events: events.length, timeFallbacks };
}
