/**
 * The simulated game: a puzzle game with worlds and levels, a soft currency (gold), a
 * hard currency (gems) bought with real money, ads, and one running A/B test.
 */
export const WORLDS = ['forest', 'desert', 'ice', 'volcano'] as const;
export const LEVELS_PER_WORLD = 10;

/** Level difficulty in [0, 1): later levels are harder; the first of a world eases off. */
export function difficulty(levelIndex: number): number {
  const inWorld = levelIndex % LEVELS_PER_WORLD;
  return Math.min(0.92, 0.12 + levelIndex * 0.018 + inWorld * 0.02);
}

export function levelName(levelIndex: number): { tier1: string; tier2: string } {
  return {
    tier1: WORLDS[Math.floor(levelIndex / LEVELS_PER_WORLD) % WORLDS.length]!,
    tier2: `level${(levelIndex % LEVELS_PER_WORLD) + 1}`,
  };
}

/** Store offers: price in minor units per currency (players pay in their country's currency). */
export const OFFERS = [
  { itemType: 'gem_pack', itemId: 'gems_100', gems: 100, prices: { USD: 99, EUR: 99, GBP: 89, BRL: 499, JPY: 160 } },
  { itemType: 'gem_pack', itemId: 'gems_550', gems: 550, prices: { USD: 499, EUR: 499, GBP: 449, BRL: 2490, JPY: 800 } },
  { itemType: 'gem_pack', itemId: 'gems_1200', gems: 1200, prices: { USD: 999, EUR: 999, GBP: 899, BRL: 4990, JPY: 1600 } },
  { itemType: 'starter_bundle', itemId: 'starter_1', gems: 300, prices: { USD: 299, EUR: 299, GBP: 249, BRL: 1490, JPY: 480 } },
] as const;

/** What a game offers a new player once, as it first plays (SimulatorOptions.starterOffer). */
export const STARTER_OFFER = OFFERS[3];

export type Currency = keyof (typeof OFFERS)[number]['prices'];

export const COUNTRIES: ReadonlyArray<{ country: string; currency: Currency; locale: string; weight: number }> = [
  { country: 'US', currency: 'USD', locale: 'en-US', weight: 35 },
  { country: 'DE', currency: 'EUR', locale: 'de-DE', weight: 15 },
  { country: 'FR', currency: 'EUR', locale: 'fr-FR', weight: 10 },
  { country: 'GB', currency: 'GBP', locale: 'en-GB', weight: 12 },
  { country: 'BR', currency: 'BRL', locale: 'pt-BR', weight: 18 },
  { country: 'JP', currency: 'JPY', locale: 'ja-JP', weight: 10 },
];

export const PLATFORMS = ['web', 'android', 'ios'] as const;
export const BUILDS = ['1.4.0', '1.4.1', '1.5.0'] as const;

export const SHOP_ITEMS = [
  { itemType: 'booster', itemId: 'hammer', gold: 120 },
  { itemType: 'booster', itemId: 'shuffle', gold: 80 },
  { itemType: 'lives', itemId: 'refill', gold: 200 },
] as const;

/** One variant of a simulated experiment: its share of players and what it does to them. */
export interface ExperimentVariant {
  name: string;
  /** Relative share of players assigned to it. @default 1 */
  weight?: number;
  /**
   * Raises the player's chance to buy when offered gems by this share (0.2 = ×1.2): +20 %
   * conversion when each player gets one offer (SimulatorOptions.purchaseOffersPerPlayer),
   * less with repeated offers, where conversion saturates. @default 0
   */
  purchaseLift?: number;
}

/** A simulated A/B test: players are assigned by a hash of experiment and player id, exposed at their first session. */
export interface ExperimentConfig {
  name: string;
  variants: readonly ExperimentVariant[];
}

/** The experiment running by default: two equal variants, no effect (an A/A test on revenue). */
export const EXPERIMENT: ExperimentConfig = { name: 'shop_layout', variants: [{ name: 'control' }, { name: 'grid' }] };

/** Two experiments running at once, as live games usually have: each player is in both. */
export const CONCURRENT_EXPERIMENTS: readonly ExperimentConfig[] = [
  EXPERIMENT,
  { name: 'onboarding', variants: [{ name: 'classic' }, { name: 'guided' }] },
];

export const DESIGN_EVENTS = ['ui:settings:open', 'ui:shop:open', 'ui:map:scroll', 'tutorial:step:complete', 'hint:used'] as const;
export const FEATURES = ['daily_bonus', 'lucky_wheel', 'friends_tab'] as const;
export const AD_TYPES = ['rewarded', 'interstitial'] as const;
