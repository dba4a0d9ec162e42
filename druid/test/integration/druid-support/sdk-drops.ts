/**
 * SDK loss accounting for the Druid suite: the simulated SDKs here drop nothing, so the
 * suite adds drop reports of its own, deterministic from the events — after every 53rd
 * event of an install, that install's SDK reports 1 to 5 dropped events under one of the
 * reasons below, at that event's time and dimensions (as the processor folds a batch's
 * sdk_health: event_type sdk_dropped, reason in action, no variant). The facts go into
 * the ground truth one per report; the rows, summed per minute, onto the rollups topic.
 */
import { regionOf, SDK_DROPPED_EVENT_TYPE, type RollupJson } from '@gamepulse/proto';
import type { RefRollup } from '@gamepulse/kpi';
import type { SimEvent } from './traffic.ts';

const REASONS = [
  'GP_SDK_QUEUE_FULL',
  'GP_SDK_CONSENT_DENIED',
  'GP_EVENT_CURRENCY_INVALID',
  'GP_SDK_BATCH_REJECTED',
  'GP_SDK_SHUTDOWN',
  'other',
];
const EVERY = 53;
const WINDOW_MS = 60_000;

export function sdkDropFacts(events: readonly SimEvent[]): RefRollup[] {
  const seen = new Map<string, number>();
  const out: RefRollup[] = [];
  for (const e of events) {
    const n = (seen.get(e.installId) ?? 0) + 1;
    seen.set(e.installId, n);
    if (n % EVERY !== 0) continue;
    const k = n / EVERY;
    out.push({
      windowStartMs: e.tsMs,
      gameId: e.gameId,
      build: e.build,
      platform: e.platform,
      country: e.country,
      eventType: SDK_DROPPED_EVENT_TYPE,
      action: REASONS[k % REASONS.length]!,
      currency: '',
      item: '',
      variant: '',
      events: 1 + (k % 5),
      amount: 0,
    });
  }
  return out;
}

/** The facts as the processor's rows: summed per minute, dimensions and reason. */
export function sdkDropRows(facts: readonly RefRollup[]): RollupJson[] {
  const rows = new Map<string, RollupJson>();
  for (const f of facts) {
    const window = Math.floor(f.windowStartMs / WINDOW_MS) * WINDOW_MS;
    const key = [window, f.gameId, f.build, f.platform, f.country, f.action].join('\u001f');
    const row = rows.get(key) ?? {
      kind: 'rollup' as const,
      window_start: window,
      game_id: f.gameId,
      build: f.build,
      platform: f.platform,
      country: f.country,
      event_type: f.eventType,
      action: f.action,
      currency: '',
      item: '',
      variant: '',
      events: 0,
      amount: 0,
      value: 0,
      ...regionOf(f.country),
      late_events: 0,
      revenue_reporting_minor: 0,
      reporting_currency: '',
    };
    row.events += f.events;
    rows.set(key, row);
  }
  return [...rows.values()];
}
