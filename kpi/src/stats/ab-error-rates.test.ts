/**
 * Error rates of the readout over seeded simulated experiments (testing/ab-simulation.ts:
 * 8 % of players pay, a payer's spend log-normal with a 4.99 median): the false-positive
 * rate of A/A tests at α = 0.05 — fixed-horizon at the end, the naive fixed-horizon test
 * checked after every batch of 50 players (peeking; must be inflated), and the
 * always-valid p checked after every batch (must not be); the power of a +20 %
 * conversion effect at the sample size `requiredSampleSize` gives for 80 % (and, for the
 * always-valid p, at twice it); and the SRM
 * check on 45/55 and 50/50 splits. The measured rates are printed for the README.
 */
import { describe, expect, it } from 'vitest';
import { experimentReadout, type ExperimentReadout, type ReadoutMetric } from './readout.ts';
import { requiredSampleSize } from './sample-size.ts';
import { sampleRatioMismatch } from './srm.ts';
import { readoutVariants, simulateLooks } from './testing/ab-simulation.ts';

const ALPHA = 0.05;
const METRICS: ReadoutMetric[] = [
  { name: 'conversion', kind: 'conversion' },
  { name: 'revenue', kind: 'mean', label: 'revenue per player' },
];

/** Share of runs for which `hit` holds, as a number and for printing. */
function rate(hits: number, runs: number): number {
  return hits / runs;
}

describe('kpi/stats/ab-error-rates', () => {
  it('A/A, 500 seeded runs of 4000 players: fixed-horizon and always-valid FPR ≤ 0.08, naive peeking inflated', () => {
    const runs = 500;
    const hits = { fixed: [0, 0], peekingNaive: [0, 0], sequential: [0, 0], sequentialCoversZero: [0, 0] };
    for (let seed = 0; seed < runs; seed++) {
      const looks = simulateLooks({
        seed: `aa/${seed}`,
        variants: [{ conversionRate: 0.08 }, { conversionRate: 0.08 }],
        players: 4000,
        batchPlayers: 50,
      });
      let readout: ExperimentReadout | undefined;
      const naive = [false, false];
      for (const look of looks) {
        readout = experimentReadout({
          experiment: 'aa',
          variants: readoutVariants(look, ['control', 'grid']),
          metrics: METRICS,
          ...(readout && { previous: readout }),
        });
        readout.comparisons[0]!.metrics.forEach((m, i) => {
          if (m.pValue < ALPHA) naive[i] = true;
        });
      }
      readout!.comparisons[0]!.metrics.forEach((m, i) => {
        if (m.pValue < ALPHA) hits.fixed[i]!++;
        if (naive[i]) hits.peekingNaive[i]!++;
        if (m.sequential.pValue < ALPHA) hits.sequential[i]!++;
        if (m.sequential.absoluteLift.lower <= 0 && m.sequential.absoluteLift.upper >= 0) hits.sequentialCoversZero[i]!++;
      });
    }
    const measured = Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v.map((h) => rate(h, runs))])) as Record<
      keyof typeof hits,
      number[]
    >;
    console.log(`A/A false-positive rates over ${runs} runs, [conversion, revenue per player]:`, JSON.stringify(measured));
    for (const i of [0, 1]) {
      expect(measured.fixed[i]).toBeGreaterThanOrEqual(0.02);
      expect(measured.fixed[i]).toBeLessThanOrEqual(0.08);
      // The peeking problem is real: the fixed-horizon test read after each of 80 batches.
      expect(measured.peekingNaive[i]).toBeGreaterThan(0.08);
      // The guarantee: always-valid p checked after every batch stays at or under α (+ sampling slack).
      expect(measured.sequential[i]).toBeLessThanOrEqual(0.08);
      // Its confidence sequence (intersected over all 80 looks) still holds the true lift 0.
      expect(measured.sequentialCoversZero[i]).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('+20% conversion at the sample size for 80% power: detected in ≥ 75% of 400 runs; always-valid at twice that size', () => {
    const perArm = requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2, alpha: ALPHA, power: 0.8 });
    expect(perArm).toBe(4921);
    const metrics = METRICS.slice(0, 1);
    /** Runs of `playersPerArm` per arm on average, peeking after every 50 players; what the final readout found. */
    const detect = (runs: number, playersPerArm: number) => {
      let fixed = 0;
      let sequential = 0;
      let covers = 0;
      for (let seed = 0; seed < runs; seed++) {
        const looks = simulateLooks({
          seed: `power/${playersPerArm}/${seed}`,
          variants: [{ conversionRate: 0.08 }, { conversionRate: 0.096 }],
          players: 2 * playersPerArm,
          batchPlayers: 50,
        });
        let readout: ExperimentReadout | undefined;
        for (const look of looks) {
          readout = experimentReadout({
            experiment: 'power',
            variants: readoutVariants(look, ['control', 'grid']),
            metrics,
            ...(readout && { previous: readout }),
          });
        }
        const m = readout!.comparisons[0]!.metrics[0]!;
        if (m.pValue < ALPHA && m.absoluteLift.estimate > 0) fixed++;
        if (m.sequential.pValue < ALPHA && m.sequential.relativeLift.lower > 0) sequential++;
        if (m.sequential.relativeLift.lower <= 0.2 && m.sequential.relativeLift.upper >= 0.2) covers++;
      }
      return {
        playersPerArm,
        fixedHorizonPower: rate(fixed, runs),
        sequentialPower: rate(sequential, runs),
        sequenceCoversTrueLift: rate(covers, runs),
      };
    };
    const atDesign = detect(400, perArm);
    const atTwice = detect(200, 2 * perArm);
    console.log(`Power of +20% on 8% conversion (design: 80% at ${perArm} per arm):`, JSON.stringify({ atDesign, atTwice }));
    expect(atDesign.fixedHorizonPower).toBeGreaterThanOrEqual(0.75);
    // Always-valid inference pays for peeking with power: at the fixed design's size it finds the
    // effect less often, at twice the size about as often as the fixed design promises.
    expect(atDesign.sequentialPower).toBeGreaterThanOrEqual(0.3);
    expect(atTwice.sequentialPower).toBeGreaterThanOrEqual(0.75);
    // Its confidence sequence holds the true +20% at every look (intersected over all of them).
    expect(atDesign.sequenceCoversTrueLift).toBeGreaterThanOrEqual(0.95);
    expect(atTwice.sequenceCoversTrueLift).toBeGreaterThanOrEqual(0.95);
  });

  it('SRM: a 45/55 split of 4000 players on 50/50 is flagged every time; a 50/50 split in ≤ 1% of 1000 runs', () => {
    const flagRate = (weights: number[], runs: number) => {
      let flagged = 0;
      for (let seed = 0; seed < runs; seed++) {
        const [look] = simulateLooks({
          seed: `srm/${weights.join(':')}/${seed}`,
          variants: [{ conversionRate: 0 }, { conversionRate: 0 }],
          weights,
          players: 4000,
        });
        if (sampleRatioMismatch({ observed: look!.conversion.map((a) => a.n) }).mismatch) flagged++;
      }
      return rate(flagged, runs);
    };
    const skewed = flagRate([45, 55], 200);
    const even = flagRate([50, 50], 1000);
    console.log(`SRM flag rate at p < 0.001 over 4000 players: 45/55 split ${skewed} (200 runs), 50/50 split ${even} (1000 runs)`);
    expect(skewed).toBe(1);
    expect(even).toBeLessThanOrEqual(0.01);
  });
});
