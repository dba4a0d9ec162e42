/**
 * Seeded A/B simulations for the statistics tests: a player model with a realistic
 * shape for a free-to-play game (a few percent of players pay; what a payer spends is
 * log-normal), players assigned to variants at random by the configured split, and the
 * per-variant aggregates (n, sum, sumSquares) the store computes, handed out after
 * every batch of players as a readout would see them while peeking.
 */
import { mulberry32 } from '@gamepulse/testkit';
import type { ArmAggregate } from '../moments.ts';
import type { ReadoutVariant } from '../readout.ts';

/** What one variant does to a player. */
export interface VariantModel {
  /** Probability that an exposed player pays (converts). */
  readonly conversionRate: number;
  /** ln of the median spend of a payer, in minor units. @default ln(500) — a 4.99 median */
  readonly logSpendMedian?: number;
  /** σ of ln(spend) among payers. @default 1 */
  readonly logSpendSigma?: number;
}

export interface SimulationOptions {
  readonly seed: number | string;
  readonly variants: readonly VariantModel[];
  /** Assignment weights, one per variant. @default equal */
  readonly weights?: readonly number[];
  /** Players exposed in the whole experiment. */
  readonly players: number;
  /** Players between two looks; 0 = one look at the end. @default 0 */
  readonly batchPlayers?: number;
}

/** Per-variant aggregates at one look: conversion (0/1 per player) and revenue per exposed player. */
export interface LookAggregates {
  readonly players: number;
  readonly conversion: ArmAggregate[];
  readonly revenue: ArmAggregate[];
}

/** The aggregates after every batch (and at the end), from one seeded run. */
export function simulateLooks(options: SimulationOptions): LookAggregates[] {
  const next = mulberry32(options.seed);
  const k = options.variants.length;
  const weights = options.weights ?? options.variants.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const n = new Array<number>(k).fill(0);
  const payers = new Array<number>(k).fill(0);
  const revenue = new Array<number>(k).fill(0);
  const revenueSquares = new Array<number>(k).fill(0);
  const snapshot = (players: number): LookAggregates => ({
    players,
    conversion: n.map((ni, i) => ({ n: ni, sum: payers[i]!, sumSquares: payers[i]! })),
    revenue: n.map((ni, i) => ({ n: ni, sum: revenue[i]!, sumSquares: revenueSquares[i]! })),
  });
  const looks: LookAggregates[] = [];
  const batch = options.batchPlayers ?? 0;
  for (let p = 1; p <= options.players; p++) {
    let u = next() * total;
    let v = 0;
    while (v < k - 1 && u >= weights[v]!) u -= weights[v++]!;
    const model = options.variants[v]!;
    n[v]!++;
    if (next() < model.conversionRate) {
      payers[v]!++;
      const spend = Math.round(Math.exp((model.logSpendMedian ?? Math.log(500)) + (model.logSpendSigma ?? 1) * standardNormal(next)));
      revenue[v]! += spend;
      revenueSquares[v]! += spend * spend;
    }
    if ((batch > 0 && p % batch === 0) || p === options.players) looks.push(snapshot(p));
  }
  return looks;
}

/** One look as readout variants with the metrics `conversion` and `revenue`, named in variant order. */
export function readoutVariants(look: LookAggregates, names: readonly string[]): ReadoutVariant[] {
  return names.map((name, i) => ({
    name,
    n: look.conversion[i]!.n,
    metrics: { conversion: look.conversion[i]!, revenue: look.revenue[i]! },
  }));
}

/** Box–Muller: one standard normal draw from two uniforms of the seeded stream. */
function standardNormal(next: () => number): number {
  const u1 = 1 - next(); // (0, 1]: ln(0) never happens
  const u2 = next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
