/**
 * The A/B readout (@gamepulse/kpi `experimentReadout`) proven on experiments played by the
 * player simulator (@gamepulse/samples): each seed plays one experiment, the per-variant
 * sums come from the raw simulated events (checked against the `ab_test` reference,
 * kpi/src/reference/ab.ts), and the readout is checked after every batch of 50 exposed
 * players, passing the previous readout, as an analyst watching the dashboard would.
 * A run counts as a detection when ANY look's readout says `significant`.
 *
 * - A/A (identical variants, 50/50), 400 seeds (200 leave a ±2σ band of ±0.03 around
 *   0.05; 400 narrow σ to 0.011): the false-positive rate at α = 0.05 of the pre-registered
 *   fixed-horizon readout under peeking is in [0.02, 0.08] for conversion and revenue per
 *   player; the sequential (mSPRT) readout stays ≤ 0.08.
 * - +20 % conversion (`purchaseLift` 0.2 on a 0.55 baseline), 200 seeds: the design
 *   (`requiredSampleSize`, 80 % power) predicts the power; the fixed-horizon readout
 *   detects it in 0.80 ± 0.08 of runs.
 * - SRM: a 45/55 split read as 50/50 is flagged (p < 0.001) in ≥ 96 % of 50 runs of 4000
 *   players; the A/A runs (50/50) in ≤ 1 %.
 * The measured rates are printed (kpi/README.md, "A/B statistics").
 */
import { describe, expect, it } from 'vitest';
import {
  experimentReadout,
  requiredSampleSize,
  type ExperimentReadout,
  type ExperimentReadoutInput,
  type ReadoutMetric,
  type ReadoutVariant,
  type SampleSizeDesign,
} from '@gamepulse/kpi';
import type { ExperimentVariant } from '@gamepulse/samples';
import {
  BASELINE_CONVERSION,
  EXPERIMENT,
  looksAfterEveryBatch,
  referenceSums,
  simulateExperiment,
  type Look,
} from './support/simulated-experiment.ts';

const ALPHA = 0.05;
const BATCH_PLAYERS = 50;
/** Seeded runs of the power test; A/A runs twice as many (see its test). */
const RUNS = 200;
const AA_RUNS = 2 * RUNS;
/** Runs whose every look (not only the last) is checked against the reference. */
const RUNS_CHECKED_AT_EVERY_LOOK = 5;
/** Hundreds of simulated runs take seconds to tens of seconds on a busy machine: far above the unit default. */
const SIMULATION_TIMEOUT_MS = 300_000;
const METRICS: ReadoutMetric[] = [
  { name: 'conversion', kind: 'conversion' },
  { name: 'revenue', kind: 'mean', label: 'revenue per player' },
];
/** Pre-registered: +20 % on the simulated game's baseline conversion, 80 % power. */
const DESIGN: SampleSizeDesign = { metric: 'conversion', baselineRate: BASELINE_CONVERSION, relativeMde: 0.2, alpha: ALPHA, power: 0.8 };
const PER_ARM = requiredSampleSize(DESIGN);

type Mode = Pick<ExperimentReadoutInput, 'inference' | 'design' | 'sequential'>;
const MODES: Record<string, Mode> = {
  fixedHorizon: { inference: 'fixed-horizon', design: DESIGN },
  sequential: { inference: 'sequential' },
  sequentialPlanned: { inference: 'sequential', sequential: { plannedPlayersPerArm: PER_ARM } },
};

function readoutVariants(look: Look): ReadoutVariant[] {
  return ['control', 'treatment'].map((name) => {
    const v = look.variants.get(name) ?? { players: 0, conversion: { sum: 0, sumSquares: 0 }, revenue: { sum: 0, sumSquares: 0 } };
    return { name, n: v.players, metrics: { conversion: v.conversion, revenue: v.revenue } };
  });
}

/**
 * One seeded run read after every batch in each mode. Per mode and metric: a significant
 * readout at any look (with a lift of the sign `direction`, 0 = either); and the plain
 * fixed-horizon test below α at any look (naive peeking), and the SRM flag at the end.
 */
async function run(seed: string, players: number, variants: readonly ExperimentVariant[], direction: number, checkEveryLook: boolean) {
  const events = await simulateExperiment({ seed, players, variants });
  const looks = looksAfterEveryBatch(events, BATCH_PLAYERS);
  // The sums the readout reads are the reference's: at the end of every run, at every look of a few.
  for (const look of checkEveryLook ? looks : looks.slice(-1)) expect(look.variants).toEqual(referenceSums(events, look.toMs));
  const hit: Record<string, boolean[]> = Object.fromEntries(Object.keys(MODES).map((k) => [k, METRICS.map(() => false)]));
  const naive = METRICS.map(() => false);
  const last: Record<string, ExperimentReadout | undefined> = {};
  for (const look of looks) {
    for (const [name, mode] of Object.entries(MODES)) {
      const readout = experimentReadout({
        experiment: EXPERIMENT,
        variants: readoutVariants(look),
        metrics: METRICS,
        alpha: ALPHA,
        ...mode,
        ...(last[name] && { previous: last[name] }),
      });
      last[name] = readout;
      readout.comparisons[0]!.metrics.forEach((m, i) => {
        const sign = Math.sign(m.absoluteLift.estimate);
        if (m.significant && (direction === 0 || sign === direction)) hit[name]![i] = true;
        // Every readout carries the plain fixed-horizon p; the sequential one holds no decision over it.
        if (name === 'sequential' && m.pValue < ALPHA && (direction === 0 || sign === direction)) naive[i] = true;
      });
    }
  }
  const end = last.fixedHorizon!;
  return { hit, naive, srm: end.srm.mismatch, end };
}

function share(xs: readonly boolean[]): number {
  return xs.filter(Boolean).length / xs.length;
}

describe('A/B readout on simulated experiments', () => {
  it(
    `A/A, ${AA_RUNS} seeds of 800 players read after every ${BATCH_PLAYERS}: fixed-horizon FPR in [0.02, 0.08], sequential ≤ 0.08`,
    async () => {
      const identical: ExperimentVariant[] = [{ name: 'control' }, { name: 'treatment' }];
      // Past the pre-registered 2 × 309 players in every run, so the readout goes on being checked after the decision.
      const players = 800;
      const hits: Record<string, boolean[][]> = Object.fromEntries([...Object.keys(MODES), 'naive'].map((k) => [k, METRICS.map(() => [])]));
      let converted = 0;
      let exposed = 0;
      let reachedDesign = 0;
      const srmFlags: boolean[] = [];
      for (let seed = 0; seed < AA_RUNS; seed++) {
        const r = await run(`aa/${seed}`, players, identical, 0, seed < RUNS_CHECKED_AT_EVERY_LOOK);
        for (const [name, h] of Object.entries(r.hit)) h.forEach((x, i) => hits[name]![i]!.push(x));
        r.naive.forEach((x, i) => hits.naive![i]!.push(x));
        srmFlags.push(r.srm);
        if (r.end.sampleSize!.reached) reachedDesign++;
        const conversion = r.end.comparisons[0]!.metrics[0]!;
        converted += conversion.control.n * conversion.control.mean + conversion.treatment.n * conversion.treatment.mean;
        exposed += conversion.control.n + conversion.treatment.n;
      }
      const fpr = Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v.map(share)]));
      console.log(
        `A/A through the simulator: FPR of the readout's verdict at any look (every ${BATCH_PLAYERS} players), ${AA_RUNS} seeds of ${players} players, ` +
          `fixed-horizon pre-registered at ${PER_ARM} per arm, [conversion, revenue per player]: ${JSON.stringify(fpr)}; ` +
          `pooled conversion ${(converted / exposed).toFixed(4)}; SRM (p < 0.001) flagged in ${srmFlags.filter(Boolean).length} of ${AA_RUNS}`,
      );
      // The game converts as modelled, and every run passes the pre-registered size (so looks go on past it).
      expect(Math.abs(converted / exposed - BASELINE_CONVERSION)).toBeLessThan(0.01);
      expect(reachedDesign).toBe(AA_RUNS);
      for (const i of [0, 1]) {
        expect(fpr.fixedHorizon![i]).toBeGreaterThanOrEqual(0.02);
        expect(fpr.fixedHorizon![i]).toBeLessThanOrEqual(0.08);
        expect(fpr.sequential![i]).toBeLessThanOrEqual(0.08);
        expect(fpr.sequentialPlanned![i]).toBeLessThanOrEqual(0.08);
      }
      // What the held decision prevents: the plain test at every look rejects far more often.
      expect(fpr.naive![0]).toBeGreaterThan(fpr.fixedHorizon![0]! + 0.05);
      // A 50/50 split is rarely flagged as a sample ratio mismatch.
      expect(share(srmFlags)).toBeLessThanOrEqual(0.01);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it(
    `+20 % conversion at the design's size (80 % power predicted), ${RUNS} seeds read after every ${BATCH_PLAYERS}: power 0.80 ± 0.08`,
    async () => {
      expect(PER_ARM).toBe(309);
      const lifted: ExperimentVariant[] = [{ name: 'control' }, { name: 'treatment', purchaseLift: 0.2 }];
      // The smaller arm reaches the design in every run: 4 standard deviations of the split above 2 × PER_ARM.
      const players = 2 * PER_ARM + Math.ceil(4 * Math.sqrt(2 * PER_ARM));
      const hits: Record<string, boolean[]> = Object.fromEntries(Object.keys(MODES).map((k) => [k, []]));
      let reachedDesign = 0;
      for (let seed = 0; seed < RUNS; seed++) {
        const r = await run(`lift20/${seed}`, players, lifted, +1, seed < RUNS_CHECKED_AT_EVERY_LOOK);
        for (const [name, h] of Object.entries(r.hit)) hits[name]!.push(h[0]!);
        if (r.end.sampleSize!.reached) reachedDesign++;
      }
      expect(reachedDesign).toBe(RUNS);
      const power = Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, share(v)]));
      console.log(
        `+20% conversion (${BASELINE_CONVERSION} → ${(BASELINE_CONVERSION * 1.2).toFixed(2)}) through the simulator, ${RUNS} seeds of ${players} players, ` +
          `significant at any look; design: 80% power at ${PER_ARM} per arm: ${JSON.stringify(power)}`,
      );
      expect(power.fixedHorizon).toBeGreaterThanOrEqual(0.72);
      expect(power.fixedHorizon).toBeLessThanOrEqual(0.88);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it(
    'SRM: 45/55 read as 50/50 flagged at p < 0.001 in ≥ 96 % of 50 runs of 4000 players',
    async () => {
      const skewed: ExperimentVariant[] = [
        { name: 'control', weight: 45 },
        { name: 'treatment', weight: 55 },
      ];
      // 4000 players: the expected gap of 400 is 6.3σ of a 50/50 split, 3.3σ being p = 0.001.
      const runs = 50;
      const players = 4000;
      const flagged: boolean[] = [];
      for (let seed = 0; seed < runs; seed++) {
        const events = await simulateExperiment({ seed: `srm/${seed}`, players, variants: skewed });
        const sums = referenceSums(events, events.at(-1)!.tsMs + 1);
        const readout = experimentReadout({
          experiment: EXPERIMENT,
          variants: ['control', 'treatment'].map((name) => {
            const v = sums.get(name)!;
            return { name, n: v.players, metrics: { conversion: v.conversion } };
          }),
          metrics: METRICS.slice(0, 1),
        });
        flagged.push(readout.srm.mismatch && readout.srm.pValue < 0.001);
        if (readout.srm.mismatch) expect(readout.comparisons[0]!.verdict).toMatch(/sample ratio mismatch/);
      }
      console.log(
        `SRM at p < 0.001: 45/55 read as 50/50 flagged in ${flagged.filter(Boolean).length} of ${runs} runs of ${players} players`,
      );
      expect(share(flagged)).toBeGreaterThanOrEqual(0.96);
    },
    SIMULATION_TIMEOUT_MS,
  );
});
