/**
 * A simulated 30-day history GENERATED DIRECTLY AS ROLLUP ROWS (not through the player
 * simulator and the processor, which would take hours at this size): players with an
 * install day, a decaying chance to come back each day (so retention curves look
 * real), sessions of one or two minute-windows, 5 % payers, two A/B variants; rollup
 * rows drawn per minute with the event mix of a casual game. Seeded: same size, same rows.
 */
import type { PlayerJson, RollupJson } from '@gamepulse/proto';
import { seededRandom } from '@gamepulse/testkit';

export type PlayerRow = PlayerJson & { variant: string };

const DAY = 86_400_000;
const MINUTE = 60_000;
const GAMES = ['space-miner', 'word-quest'];
const BUILDS = ['1.4.0', '1.4.1', '1.5.0'];
const PLATFORMS = ['ios', 'android', 'web'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'BR', 'JP'];
const CURRENCY: Record<string, string> = { US: 'USD', DE: 'EUR', FR: 'EUR', GB: 'GBP', BR: 'BRL', JP: 'JPY' };
const VARIANTS = ['shop_layout:control', 'shop_layout:grid'];

export interface HistoryShape {
  /** UTC midnight of the first day. */
  startMs: number;
  days: number;
  players: number;
  /** Rollup rows per simulated minute (each a delta of several events). */
  rollupRowsPerMinute: number;
  seed: number;
}

export function generateHistory(s: HistoryShape): { rollups: RollupJson[]; players: PlayerRow[] } {
  const rng = seededRandom(s.seed);
  const players: PlayerRow[] = [];
  for (let i = 0; i < s.players; i++) {
    const dims = { game_id: rng.pick(GAMES), build: rng.pick(BUILDS), platform: rng.pick(PLATFORMS), country: rng.pick(COUNTRIES) };
    const install = rng.int(0, s.days - 1);
    const payer = rng.next() < 0.05;
    const variant = rng.next() < 0.8 ? rng.pick(VARIANTS) : '';
    for (let day = install; day < s.days; day++) {
      const age = day - install;
      if (age > 0 && rng.next() > 0.45 / Math.sqrt(age)) continue;
      const windows = rng.int(1, 2);
      const start = s.startMs + day * DAY + rng.int(0, 1438) * MINUTE;
      for (let w = 0; w < windows; w++) {
        players.push({
          kind: 'player',
          window_start: start + w * MINUTE,
          ...dims,
          player_id: `bp-${s.seed}-${i}`,
          first_seen_day: s.startMs + install * DAY,
          events: rng.int(2, 12),
          purchases: payer && rng.next() < 0.3 ? 1 : 0,
          sessions: w === 0 ? 1 : 0,
          variant,
        });
      }
    }
  }
  const rollups: RollupJson[] = [];
  const blank = { action: '', currency: '', item: '', variant: '', amount: 0, value: 0 };
  for (let m = 0; m < s.days * 1440; m++) {
    for (let k = 0; k < s.rollupRowsPerMinute; k++) {
      const country = rng.pick(COUNTRIES);
      const events = rng.int(1, 20);
      const base = {
        kind: 'rollup' as const,
        window_start: s.startMs + m * MINUTE,
        game_id: rng.pick(GAMES),
        build: rng.pick(BUILDS),
        platform: rng.pick(PLATFORMS),
        country,
        ...blank,
        variant: rng.next() < 0.8 ? rng.pick(VARIANTS) : '',
        events,
      };
      const roll = rng.next();
      if (roll < 0.3)
        rollups.push({
          ...base,
          event_type: 'progression',
          action: rng.pick(['start', 'start', 'complete', 'fail']),
          item: `world${rng.int(1, 4)}:level${rng.int(1, 10)}`,
        });
      else if (roll < 0.5)
        rollups.push({
          ...base,
          event_type: 'resource',
          action: rng.pick(['source', 'sink']),
          currency: rng.pick(['gold', 'gems']),
          item: rng.pick(['reward', 'shop', 'iap']),
          amount: events * rng.int(10, 200),
        });
      else if (roll < 0.6) rollups.push({ ...base, event_type: 'session_start' });
      else if (roll < 0.7) rollups.push({ ...base, event_type: 'session_end', amount: events * rng.int(30_000, 900_000) });
      else if (roll < 0.73)
        rollups.push({
          ...base,
          event_type: 'purchase',
          currency: CURRENCY[country]!,
          item: 'gem_pack',
          events: 1,
          amount: rng.pick([99, 499, 999]),
        });
      else if (roll < 0.75) rollups.push({ ...base, event_type: 'experiment_exposure', variant: rng.pick(VARIANTS) });
      else rollups.push({ ...base, event_type: rng.pick(['design', 'ad', 'feature_use', 'social']), item: rng.pick(['a', 'b', 'c']) });
    }
  }
  return { rollups, players };
}
