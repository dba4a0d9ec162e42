/**
 * Folds the events of one accepted (not duplicate) batch into the accumulator: event
 * time → window, dimensions, payload fields, the player's experiment assignments, the
 * purchase in the game's reporting currency, and the player's window row.
 */
import { payloadOf, type IngestedBatchData } from '@gamepulse/proto';
import { int64 } from '../num.ts';
import { dayStartMs, eventTimeMs, isUsableTimeMs, windowStartMs } from '../windows/tumbling.ts';
import { DEFAULT_REPORTING, type ReportingConverter } from '../fx/reporting-currency.ts';
import type { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { assign, assignmentOf, type AssignmentTable } from './assignment.ts';
import { firstSeenDay, type FirstSeenTable } from './first-seen.ts';
import { emptyRollupFields, rollupFieldsInto } from './rollup-fields.ts';

/** The per-player state of one partition that folding reads and writes. */
export interface PlayerTables {
  firstSeen: FirstSeenTable;
  assignments: AssignmentTable;
}

export interface FoldResult {
  events: number;
  /** Events whose client timestamp was unusable: windowed by the batch's receive time. */
  timeFallbacks: number;
  /** Purchases in a currency without an exchange rate (converted as 0), by currency; undefined when none. */
  unknownCurrencies?: Record<string, number>;
}

/**
 * `appendedAtMs` is the log's timestamp of the record: the event time of last resort
 * (see `eventTimeMs`). `reporting` converts purchases into the game's reporting currency.
 */
export function foldBatch(
  batch: IngestedBatchData,
  acc: RollupAccumulator,
  players: PlayerTables,
  appendedAtMs: number,
  reporting: ReportingConverter = DEFAULT_REPORTING,
): FoldResult {
  const batchDims = dimsOf(undefined, batch.context);
  const receivedAtMs = int64(batch.receivedAtMs);
  const installId = batch.installId ?? '';
  let timeFallbacks = 0;
  let unknownCurrencies: Record<string, number> | undefined;
  const events = batch.events ?? [];
  // The player of the previous event, with its assignments and cohort: a batch is
  // usually one player's, so the state tables are looked up once per batch, not per event.
  let player: string | undefined;
  let variant = '';
  let cohortDayMs: number | undefined;
  const fields = emptyRollupFields();
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
    // The assignments as of this event (assignment.ts): an exposure joins the set, and
    // its own rollup row carries the one experiment:variant it exposes; every other
    // rollup row, and every player row, carries the player's set.
    if (payload === 'experimentExposure') variant = assign(players.assignments, playerId, fields.variant);
    else fields.variant = variant;
    if (payload === 'purchase') {
      // The event's day's rate (fx/reporting-currency.ts); an unknown currency counts as 0.
      fields.reportingCurrency = reporting.currencyOf(dims.gameId);
      const converted = reporting.convert(fields.amount, fields.currency, fields.reportingCurrency, tsMs);
      if (converted === undefined) {
        unknownCurrencies ??= {};
        unknownCurrencies[fields.currency] = (unknownCurrencies[fields.currency] ?? 0) + 1;
      }
      fields.reportingMinor = converted ?? 0;
    }
    acc.addEvent(windowMs, dims, fields);
    cohortDayMs ??= firstSeenDay(players.firstSeen, playerId, dayStartMs(tsMs));
    acc.addPlayer(
      windowMs,
      dims,
      playerId,
      variant,
      cohortDayMs,
      payload === 'purchase',
      payload === 'sessionStart',
      fields.reportingMinor,
    );
  }
  return { events: events.length, timeFallbacks, ...(unknownCurrencies ? { unknownCurrencies } : {}) };
}
