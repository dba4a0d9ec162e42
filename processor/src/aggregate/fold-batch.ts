/**
 * Folds the events of one accepted (not duplicate) batch into the accumulator: event
 * time → window, dimensions, payload fields, the player's experiment assignments, the
 * purchase in the game's reporting currency, and the player's window row and step fact.
 */
import { payloadOf, type IngestedBatchData } from '@gamepulse/proto';
import { int64 } from '../num.ts';
import { dayStartMs, eventTimeMs, isUsableTimeMs, windowStartMs } from '../windows/tumbling.ts';
import { futureBoundMs, type LatenessRule, type PartitionWatermark } from '../windows/watermark.ts';
import { DEFAULT_REPORTING, type ReportingConverter } from '../fx/reporting-currency.ts';
import type { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { assign, assignmentOf, type AssignmentTable } from './assignment.ts';
import { firstSeenDay, type FirstSeenTable } from './first-seen.ts';
import { playerActivity, touchInstall, type ActivityTable, type PlayerActivity } from './activity.ts';
import { progressRank } from './progress-rank.ts';
import type { PlayerEventFacts } from './accumulator.ts';
import { foldSdkDrops } from './sdk-health.ts';
import { emptyRollupFields, rollupFieldsInto } from './rollup-fields.ts';

/** The per-player state of one partition that folding reads and writes. */
export interface PlayerTables {
  firstSeen: FirstSeenTable;
  assignments: AssignmentTable;
  /** Each install's latest event time: sessions by inactivity gap (activity.ts). */
  activity: ActivityTable;
}

export interface FoldResult {
  events: number;
  /** Events whose client timestamp was unusable: windowed by the batch's receive time. */
  timeFallbacks: number;
  /** Events behind the partition's watermark (counted in their own window, flagged). */
  lateEvents: number;
  /** Events dated after the batch's receive time + maxFutureMs: clamped to the receive time. */
  futureClamped: number;
  /** Purchases in a currency without an exchange rate (converted as 0), by currency; undefined when none. */
  unknownCurrencies?: Record<string, number>;
}

/** The partition's watermark and the lateness rule (windows/watermark.ts). */
export interface LateDataTracking {
  watermark: PartitionWatermark;
  rule: LatenessRule;
}

/**
 * `appendedAtMs` is the log's timestamp of the record: the event time of last resort
 * (see `eventTimeMs`). Without `late` no event is clamped or flagged late. `reporting` converts purchases
 * into the game's reporting currency.
 */
export function foldBatch(
  batch: IngestedBatchData,
  acc: RollupAccumulator,
  players: PlayerTables,
  appendedAtMs: number,
  late?: LateDataTracking,
  reporting: ReportingConverter = DEFAULT_REPORTING,
): FoldResult {
  const batchDims = dimsOf(undefined, batch.context);
  const receivedAtMs = int64(batch.receivedAtMs);
  const installId = batch.installId ?? '';
  let timeFallbacks = 0;
  let lateEvents = 0;
  let futureClamped = 0;
  const { boundMs, clampToMs } = late
    ? futureBoundMs(receivedAtMs, appendedAtMs, late.rule.maxFutureMs)
    : { boundMs: Infinity, clampToMs: 0 };
  // The watermark as of the batch's start, advanced event by event (a local, written back once).
  let maxEventTimeMs = late ? late.watermark.maxEventTimeMs : 0;
  const allowedLatenessMs = late ? late.rule.allowedLatenessMs : 0;
  let unknownCurrencies: Record<string, number> | undefined;
  // The batch's newest event time: the window of its SDK's reported drops (sdk-health.ts).
  let newestMs = -Infinity;
  const events = batch.events ?? [];
  // The player of the previous event, with its assignments and cohort: a batch is
  // usually one player's, so the state tables are looked up once per batch, not per event.
  let player: string | undefined;
  let variant = '';
  let cohortDayMs: number | undefined;
  let activity: PlayerActivity | undefined;
  const gapMs = players.activity.gapMs;
  const fields = emptyRollupFields();
  const facts: PlayerEventFacts = { purchase: false, sessionStart: false, gapSessions: 0, activeMs: 0, progress: 0, reportingMinor: 0 };
  for (const e of events) {
    // The usual case inline: eventTimeMs allocates (rest args, result) for every event.
    const clientTsMs = int64(e.clientTsMs);
    let tsMs = clientTsMs;
    if (!isUsableTimeMs(clientTsMs)) {
      tsMs = eventTimeMs(clientTsMs, receivedAtMs, appendedAtMs).tsMs;
      timeFallbacks += 1;
    }
    if (tsMs > boundMs) {
      tsMs = clampToMs;
      futureClamped += 1;
    }
    // Late: behind the largest event time this partition folded before it, by more than the allowed lateness.
    const isLate = late !== undefined && maxEventTimeMs > 0 && tsMs < maxEventTimeMs - allowedLatenessMs;
    if (isLate) lateEvents += 1;
    if (tsMs > maxEventTimeMs) maxEventTimeMs = tsMs;
    if (tsMs > newestMs) newestMs = tsMs;
    const windowMs = windowStartMs(tsMs);
    const dims = e.context ? dimsOf(e.context, batch.context) : batchDims;
    const payload = payloadOf(e);
    // "account id once identified, else the install id" — fall back the same way here.
    const playerId = e.playerId || e.installId || installId;
    if (playerId !== player) {
      player = playerId;
      variant = assignmentOf(players.assignments, playerId);
      cohortDayMs = players.firstSeen.get(playerId);
      activity = playerActivity(players.activity, playerId);
    }
    rollupFieldsInto(fields, e, payload);
    // The assignments as of this event (assignment.ts): an exposure joins the set, and
    // its own rollup row carries the one experiment:variant it exposes; every other
    // rollup row, and every player row, carries the player's set.
    if (payload === 'experimentExposure') variant = assign(players.assignments, playerId, fields.variant);
    else fields.variant = variant;
    if (payload === 'purchase' || payload === 'refund') {
      // The event's day's rate (fx/reporting-currency.ts); an unknown currency counts as 0.
      // A refund converts like the purchase it gives back; the player's revenue stays gross (facts below).
      fields.reportingCurrency = reporting.currencyOf(dims.gameId);
      const converted = reporting.convert(fields.amount, fields.currency, fields.reportingCurrency, tsMs);
      if (converted === undefined) {
        unknownCurrencies ??= {};
        unknownCurrencies[fields.currency] = (unknownCurrencies[fields.currency] ?? 0) + 1;
      }
      fields.reportingMinor = converted ?? 0;
    }
    acc.addEvent(windowMs, dims, fields, isLate);
    cohortDayMs ??= firstSeenDay(players.firstSeen, playerId, dayStartMs(tsMs));
    facts.purchase = payload === 'purchase';
    facts.sessionStart = payload === 'sessionStart';
    facts.progress = payload === 'progression' ? progressRank(e) : 0;
    facts.reportingMinor = payload === 'purchase' ? fields.reportingMinor : 0;
    touchInstall(activity!, gapMs, e.installId || installId, tsMs, facts);
    acc.addPlayer(windowMs, dims, playerId, variant, cohortDayMs, facts);
    acc.addStep(windowMs, tsMs, dims, playerId, fields);
  }
  if (late) late.watermark.advanceTo(maxEventTimeMs);
  foldSdkDrops(batch, acc, batchDims, windowStartMs(events.length > 0 ? newestMs : receivedAtMs || appendedAtMs));
  return { events: events.length, timeFallbacks, lateEvents, futureClamped, ...(unknownCurrencies ? { unknownCurrencies } : {}) };
}
