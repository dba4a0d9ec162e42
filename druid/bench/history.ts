/**
 * A simulated 30-day history GENERATED DIRECTLY AS ROWS of the rollups topic (not
 * through the player simulator and the processor, which would take hours at this size),
 * with every field the processor writes (proto/src/rollups-topic.ts):
 *  - player rows: players with an install day, a decaying chance to come back each day
 *    (so retention curves look real), one or two sessions a day of one to five
 *    minute-windows; `gap_sessions` (one per session), `active_ms`, `max_progress` (the
 *    furthest level completed, world·10^6 + level·10^3), 5 % payers with
 *    `revenue_reporting_minor`, `region`/`subregion`, and the assignment set `variant`
 *    of two concurrent experiments (`onboarding:guided,shop_layout:grid`; '' before the
 *    first exposure, which happens in the install session);
 *  - step rows (player funnels): per session, the player's first session_start,
 *    progression start/complete of the next level, daily bonus, ad, purchase;
 *  - rollup rows drawn per minute with the event mix of a casual game: progression,
 *    resource, sessions (session_end's `item` is the length bucket of
 *    proto/src/session-length-sketch.ts), purchases with the reporting-currency amount,
 *    exposures, ads (`ad_type:placement`), errors per severity, social, feature use,
 *    design; 1 % of rows carry late events.
 * Seeded: same shape, same rows.
 */
import { regionOf, sessionLengthBucket, type PlayerJson, type RollupJson, type StepJson } from '@gamepulse/proto';
import { seededRandom } from '@gamepulse/testkit';

const DAY = 86_400_000;
const MINUTE = 60_000;
const GAMES = ['space-miner', 'word-quest'];
const BUILDS = ['1.4.0', '1.4.1', '1.5.0'];
const PLATFORMS = ['ios', 'android', 'web'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'BR', 'JP'];
const CURRENCY: Record<string, string> = { US: 'USD', DE: 'EUR', FR: 'EUR', GB: 'GBP', BR: 'BRL', JP: 'JPY' };
/** Minor units of the reporting currency per minor unit of the local one (JPY has no minor unit). */
const TO_USD: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, BRL: 0.2, JPY: 0.67 };
const TO_EUR: Record<string, number> = { USD: 0.93, EUR: 1, GBP: 1.17, BRL: 0.19, JPY: 0.62 };
const REPORTING: Record<string, [string, Record<string, number>]> = { 'space-miner': ['USD', TO_USD], 'word-quest': ['EUR', TO_EUR] };
const EXPERIMENTS: Array<[string, string[]]> = [
  ['onboarding', ['onboarding:classic', 'onboarding:guided']],
  ['shop_layout', ['shop_layout:control', 'shop_layout:grid']],
];
const SEVERITIES = ['debug', 'info', 'info', 'warning', 'warning', 'error', 'critical'];
const ADS = ['interstitial:shop', 'rewarded:shop', 'rewarded:level_end', 'banner'];
const AD_ACTIONS = ['show', 'show', 'show', 'click', 'failed_show', 'reward_received'];
const FEATURES = ['daily_bonus', 'leaderboard', 'friends', 'shop'];
const SOCIAL = ['invite', 'share', 'gift'];
const LEVELS_PER_WORLD = 10;

export interface HistoryShape {
  /** UTC midnight of the first day. */
  startMs: number;
  days: number;
  players: number;
  /** Rollup rows per simulated minute (each a delta of several events). */
  rollupRowsPerMinute: number;
  seed: number;
}

export interface History {
  rollups: RollupJson[];
  players: PlayerJson[];
  steps: StepJson[];
}

function level(n: number): { item: string; progress: number } {
  const world = Math.floor(n / LEVELS_PER_WORLD) + 1;
  const lvl = (n % LEVELS_PER_WORLD) + 1;
  return { item: `world${world}:level${lvl}`, progress: world * 1_000_000 + lvl * 1_000 };
}

function reportingMinor(gameId: string, currency: string, amountMinor: number): number {
  const [, rates] = REPORTING[gameId]!;
  return Math.round(amountMinor * rates[currency]!);
}

export function generateHistory(s: HistoryShape): History {
  const rng = seededRandom(s.seed);
  const players: PlayerJson[] = [];
  const steps: StepJson[] = [];
  for (let i = 0; i < s.players; i++) {
    const country = rng.pick(COUNTRIES);
    const dims = { game_id: rng.pick(GAMES), build: rng.pick(BUILDS), platform: rng.pick(PLATFORMS), country };
    const { region, subregion } = regionOf(country);
    const install = rng.int(0, s.days - 1);
    const payer = rng.next() < 0.05;
    // Assignment set: each experiment enrols most players; sorted by experiment, comma-joined.
    const set = EXPERIMENTS.filter(() => rng.next() < 0.85)
      .map(([, variants]) => rng.pick(variants))
      .join(',');
    const playerId = `bp-${s.seed}-${i}`;
    const firstSeenDay = s.startMs + install * DAY;
    let done = 0; // levels completed so far
    for (let day = install; day < s.days; day++) {
      const age = day - install;
      if (age > 0 && rng.next() > 0.45 / Math.sqrt(age)) continue;
      const sessions = rng.next() < 0.3 ? 2 : 1;
      let at = s.startMs + day * DAY + rng.int(0, 1438 - sessions * 95) * MINUTE;
      for (let sIdx = 0; sIdx < sessions; sIdx++) {
        // A session's minutes: a casual session of 1–5 minutes with events in each (one player row per minute).
        const windows = rng.int(1, 5);
        const exposedBefore = !(age === 0 && sIdx === 0);
        const sessionStart = at + rng.int(0, 59_000);
        const started = level(done);
        const completes = rng.next() < 0.7;
        const buys = payer && rng.next() < 0.3;
        const price = rng.pick([99, 499, 999]);
        for (let w = 0; w < windows; w++) {
          const last = w === windows - 1;
          const events = rng.int(2, 12);
          const variant = w === 0 && !exposedBefore ? '' : set;
          const purchases = buys && last ? 1 : 0;
          players.push({
            kind: 'player',
            window_start: at + w * MINUTE,
            ...dims,
            player_id: playerId,
            first_seen_day: firstSeenDay,
            events,
            purchases,
            sessions: w === 0 ? 1 : 0,
            variant,
            region,
            subregion,
            gap_sessions: w === 0 ? 1 : 0,
            active_ms: (events - (w === 0 ? 1 : 0)) * rng.int(3_000, 9_000),
            max_progress: completes && last ? started.progress : 0,
            revenue_reporting_minor: purchases ? reportingMinor(dims.game_id, CURRENCY[country]!, price) : 0,
          });
        }
        // Step rows: the first occurrence of each step key in the session's first window.
        const step = (event_type: string, action: string, item: string, offsetMs: number, events = 1) =>
          steps.push({
            kind: 'step',
            window_start: at,
            ...dims,
            player_id: playerId,
            event_type,
            action,
            item,
            variant: exposedBefore ? set : '',
            first_ms: Math.min(at + MINUTE - 1, sessionStart + offsetMs),
            events,
          });
        step('session_start', '', '', 0);
        step('progression', 'start', started.item, 1_000);
        if (completes) step('progression', 'complete', started.item, 20_000);
        if (rng.next() < 0.5) step('feature_use', '', 'daily_bonus', 5_000);
        if (rng.next() < 0.3) step('ad', 'show', rng.pick(ADS), 25_000);
        if (buys) step('purchase', '', 'gem_pack', 40_000);
        if (completes) done++;
        at += rng.int(windows + 31, 95) * MINUTE;
      }
    }
  }
  const rollups: RollupJson[] = [];
  const blank = {
    action: '',
    currency: '',
    item: '',
    amount: 0,
    value: 0,
    late_events: 0,
    revenue_reporting_minor: 0,
    reporting_currency: '',
  };
  for (let m = 0; m < s.days * 1440; m++) {
    for (let k = 0; k < s.rollupRowsPerMinute; k++) {
      const country = rng.pick(COUNTRIES);
      const game = rng.pick(GAMES);
      const events = rng.int(1, 20);
      const { region, subregion } = regionOf(country);
      const base = {
        kind: 'rollup' as const,
        window_start: s.startMs + m * MINUTE,
        game_id: game,
        build: rng.pick(BUILDS),
        platform: rng.pick(PLATFORMS),
        country,
        ...blank,
        variant: EXPERIMENTS.filter(() => rng.next() < 0.85)
          .map(([, variants]) => rng.pick(variants))
          .join(','),
        events,
        region,
        subregion,
      };
      if (rng.next() < 0.01) base.late_events = rng.int(1, events);
      const roll = rng.next();
      if (roll < 0.25)
        rollups.push({
          ...base,
          event_type: 'progression',
          action: rng.pick(['start', 'start', 'complete', 'fail']),
          item: level(rng.int(0, 39)).item,
        });
      else if (roll < 0.42)
        rollups.push({
          ...base,
          event_type: 'resource',
          action: rng.pick(['source', 'sink']),
          currency: rng.pick(['gold', 'gems']),
          item: rng.pick(['reward', 'shop', 'iap']),
          amount: events * rng.int(10, 200),
        });
      else if (roll < 0.5) rollups.push({ ...base, event_type: 'session_start' });
      else if (roll < 0.58) {
        // One session length per row: the bucket is of that length, the amount the sum of `events` such lengths.
        const lengthMs = rng.int(30_000, 1_800_000);
        rollups.push({ ...base, event_type: 'session_end', item: sessionLengthBucket(lengthMs), amount: events * lengthMs });
      } else if (roll < 0.61) {
        const price = rng.pick([99, 499, 999]);
        const [reporting] = REPORTING[game]!;
        rollups.push({
          ...base,
          event_type: 'purchase',
          currency: CURRENCY[country]!,
          item: rng.pick(['gem_pack', 'gem_pack', 'starter_bundle', 'no_ads']),
          events: 1,
          amount: price,
          revenue_reporting_minor: reportingMinor(game, CURRENCY[country]!, price),
          reporting_currency: reporting,
        });
      } else if (roll < 0.63) {
        const [, variants] = rng.pick(EXPERIMENTS);
        rollups.push({ ...base, event_type: 'experiment_exposure', variant: rng.pick(variants) });
      } else if (roll < 0.73) rollups.push({ ...base, event_type: 'ad', action: rng.pick(AD_ACTIONS), item: rng.pick(ADS) });
      else if (roll < 0.77) rollups.push({ ...base, event_type: 'error', action: rng.pick(SEVERITIES), item: `E${rng.int(1, 20)}` });
      else if (roll < 0.82) rollups.push({ ...base, event_type: 'social', action: rng.pick(SOCIAL) });
      else if (roll < 0.9) rollups.push({ ...base, event_type: 'feature_use', item: rng.pick(FEATURES) });
      else rollups.push({ ...base, event_type: 'design', item: rng.pick(['ui:open', 'ui:close', 'tutorial:step']) });
    }
  }
  return { rollups, players, steps };
}
