/**
 * The fold of plain rollups (`analytics: 'plain'`, options.ts): rollup rows and player
 * window rows as the processor wrote them before the live-ops analytics — event time →
 * window, dimensions, payload fields, the player's assignment set and cohort, and the
 * player row's events, purchases and sessions. Nothing else is computed or written:
 * no step facts (`player_steps`), no gap sessions or active time (no activity state),
 * no progress rank, no reporting-currency conversion, no watermark (no late flags, no
 * future clamp), no region or sub-region (''), no session-length bucket or ad placement
 * in `item`. Those columns are written as 0 / ''.
 *
 * A separate function rather than switches in `foldBatch`: the full fold carries no
 * per-event test of the mode, and this one carries none of the full fold's work. The
 * mode is chosen once per processor (pending-work.ts). Assignment sets stay: they are
 * the one state both modes share, and they cost only on exposure events.
 */
import { payloadOf, type IngestedBatchData } from '@gamepulse/proto';
import { int64 } from '../num.ts';
import { dayStartMs, eventTimeMs, isUsableTimeMs, windowStartMs } from '../windows/tumbling.ts';
import type { PlayerEventFacts, RollupAccumulator } from './accumulator.ts';
import { plainDimsOf } from './dims.ts';
import { assign, assignmentOf } from './assignment.ts';
import { firstSeenDay } from './first-seen.ts';
import type { FoldResult, PlayerTables } from './fold-batch.ts';
import { foldSdkDrops } from './sdk-health.ts';
import { emptyRollupFields, plainRollupFieldsInto } from './rollup-fields.ts';

/** `foldBatch` for plain rollups; `appendedAtMs` is the log's timestamp of the record (the event time of last resort). */
export function foldBatchPlain(
  batch: IngestedBatchData,
  acc: RollupAccumulator,
  players: Pick<PlayerTables, 'firstSeen' | 'assignments'>,
  appendedAtMs: number,
): FoldResult {
  const batchDims = plainDimsOf(undefined, batch.context);
  const receivedAtMs = int64(batch.receivedAtMs);
  const installId = batch.installId ?? '';
  let timeFallbacks = 0;
  const events = batch.events ?? [];
  // The player of the previous event, with its assignments and cohort (as in foldBatch).
  let player: string | undefined;
  let variant = '';
  let cohortDayMs: number | undefined;
  const fields = emptyRollupFields();
  // The batch's newest event time: the window of its SDK's reported drops (sdk-health.ts).
  let newestMs = -Infinity;
  // Only `purchase` and `sessionStart` change: the analytics facts stay 0.
  const facts: PlayerEventFacts = { purchase: false, sessionStart: false, gapSessions: 0, activeMs: 0, progress: 0, reportingMinor: 0 };
  for (const e of events) {
    const clientTsMs = int64(e.clientTsMs);
    let tsMs = clientTsMs;
    if (!isUsableTimeMs(clientTsMs)) {
      tsMs = eventTimeMs(clientTsMs, receivedAtMs, appendedAtMs).tsMs;
      timeFallbacks += 1;
    }
    if (tsMs > newestMs) newestMs = tsMs;
    const windowMs = windowStartMs(tsMs);
    const dims = e.context ? plainDimsOf(e.context, batch.context) : batchDims;
    const payload = payloadOf(e);
    const playerId = e.playerId || e.installId || installId;
    if (playerId !== player) {
      player = playerId;
      variant = assignmentOf(players.assignments, playerId);
      cohortDayMs = players.firstSeen.get(playerId);
    }
    plainRollupFieldsInto(fields, e, payload);
    if (payload === 'experimentExposure') variant = assign(players.assignments, playerId, fields.variant);
    else fields.variant = variant;
    acc.addEvent(windowMs, dims, fields);
    cohortDayMs ??= firstSeenDay(players.firstSeen, playerId, dayStartMs(tsMs));
    facts.purchase = payload === 'purchase';
    facts.sessionStart = payload === 'sessionStart';
    acc.addPlayer(windowMs, dims, playerId, variant, cohortDayMs, facts);
  }
  foldSdkDrops(batch, acc, batchDims, windowStartMs(events.length > 0 ? newestMs : receivedAtMs || appendedAtMs));
  return { events: events.length, timeFallbacks, lateEvents: 0, futureClamped: 0 };
}
