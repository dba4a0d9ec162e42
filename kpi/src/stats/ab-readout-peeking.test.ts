/**
 * Error rates of the readout's own verdict under peeking: seeded simulated experiments
 * (testing/ab-simulation.ts) read with `experimentReadout` after every batch of 50
 * players, passing the previous readout, and counted as a detection when ANY look's
 * readout says `significant` — what an analyst who watches the dashboard and stops at the
 * first "significant" gets. Both inference modes:
 * - fixed-horizon with a pre-registered design: significance only from the first look at
 *   the pre-registered size, whose decision later looks keep — so the A/A false-positive
 *   rate under peeking is the fixed test's, in [0.02, 0.08];
 * - sequential (always-valid), with the default mixing prior and with the prior tuned to
 *   the planned size (`sequential.plannedPlayersPerArm`).
 * And the power of a +20 % conversion effect at the design's size (80 % predicted) in both
 * modes. The measured rates are printed for the README.
 */
import { describe, expect, it } from 'vitest';
import { experimentReadout, type ExperimentReadout, type ExperimentReadoutInput, type ReadoutMetric } from './readout.ts';
import { requiredSampleSize, type SampleSizeDesign } from './sample-size.ts';
import { readoutVariants, simulateLooks } from './testing/ab-simulation.ts';

const ALPHA = 0.05;
const BATCH_PLAYERS = 50;
const METRICS: ReadoutMetric[] = [
  { name: 'conversion', kind: 'conversion' },
  { name: 'revenue', kind: 'mean', label: 'revenue per player' },
];

/** The readout modes compared, as the part of the input each one sets. */
type Mode = Pick<ExperimentReadoutInput, 'inference' | 'design' | 'sequential'>;

/**
 * Reads one seeded run after every batch in each mode; per mode and metric, whether any
 * look's readout was significant with a lift of the expected sign (`direction`, 0 = either).
 */
function anyLookSignificant(
  looks: ReturnType<typeof simulateLooks>,
  modes: Record<string, Mode>,
  metrics: readonly ReadoutMetric[],
  direction: number,
): Record<string, boolean[]> {
  const hit: Record<string, boolean[]> = {};
  const last: Record<string, ExperimentReadout | undefined> = {};
  for (const name of Object.keys(modes)) hit[name] = metrics.map(() => false);
  for (const look of looks) {
    for (const [name, mode] of Object.entries(modes)) {
      const readout = experimentReadout({
        experiment: 'peeking',
        variants: readoutVariants(look, ['control', 'grid']),
        metrics,
        alpha: ALPHA,
        ...mode,
        ...(last[name] && { previous: last[name] }),
      });
      last[name] = readout;
      readout.comparisons[0]!.metrics.forEach((m, i) => {
        const lift = m.absoluteLift.estimate;
        if (m.significant && (direction === 0 || Math.sign(lift) === direction)) hit[name]![i] = true;
      });
    }
  }
  return hit;
}

/** Share of runs with a hit, per mode and metric. */
function rates(hits: Record<string, number[]>, runs: number): Record<string, number[]> {
  return Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v.map((h) => h / runs)]));
}

describe('kpi/stats/ab-readout-peeking', () => {
  it('A/A, 400 runs of 4000 players read after every 50: fixed-horizon FPR in [0.02, 0.08]; sequential ≤ 0.08', () => {
    const runs = 400;
    const players = 4000;
    // Pre-registered to detect +35 % on 8 % conversion: 1705 players per arm, reached before the run ends,
    // so the readout keeps being checked past the planned size.
    const design: SampleSizeDesign = { metric: 'conversion', baselineRate: 0.08, relativeMde: 0.35, alpha: ALPHA, power: 0.8 };
    const requiredPerArm = requiredSampleSize(design);
    expect(requiredPerArm).toBe(1705);
    const modes: Record<string, Mode> = {
      fixedHorizon: { inference: 'fixed-horizon', design },
      sequential: { inference: 'sequential' },
      sequentialPlanned: { inference: 'sequential', sequential: { plannedPlayersPerArm: players / 2 } },
    };
    const hits: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((k) => [k, [0, 0]]));
    // What gating alone would give: the fixed test at every look once the size is reached, not only the first.
    hits.gatedOnly = [0, 0];
    for (let seed = 0; seed < runs; seed++) {
      const looks = simulateLooks({
        seed: `peeking-aa/${seed}`,
        variants: [{ conversionRate: 0.08 }, { conversionRate: 0.08 }],
        players,
        batchPlayers: BATCH_PLAYERS,
      });
      const hit = anyLookSignificant(looks, modes, METRICS, 0);
      // Each look past the size read on its own (no previous readout, so no decision is held).
      hit.gatedOnly = [false, false];
      for (const look of looks.filter((l) => Math.min(l.conversion[0]!.n, l.conversion[1]!.n) >= requiredPerArm)) {
        anyLookSignificant([look], { gatedOnly: modes.fixedHorizon! }, METRICS, 0).gatedOnly!.forEach(
          (x, i) => x && (hit.gatedOnly![i] = true),
        );
      }
      for (const [name, h] of Object.entries(hit)) h.forEach((x, i) => x && hits[name]![i]!++);
    }
    const measured = rates(hits, runs);
    console.log(
      `A/A FPR of the readout's verdict at any look (every ${BATCH_PLAYERS} players), ${runs} runs of ${players} players, ` +
        `fixed-horizon pre-registered at ${requiredPerArm} per arm, sequential plan ${players / 2} per arm, [conversion, revenue per player]:`,
      JSON.stringify(measured),
    );
    for (const i of [0, 1]) {
      expect(measured.fixedHorizon![i]).toBeGreaterThanOrEqual(0.02);
      expect(measured.fixedHorizon![i]).toBeLessThanOrEqual(0.08);
      expect(measured.sequential![i]).toBeLessThanOrEqual(0.08);
      expect(measured.sequentialPlanned![i]).toBeLessThanOrEqual(0.08);
      // Tuned to the plan the sequential readout spends more of α over this horizon than with the default prior.
      expect(measured.sequentialPlanned![i]).toBeGreaterThan(measured.sequential![i]!);
    }
    // Gating alone, checked at every look past the size, would add false positives the held decision avoids.
    expect(measured.gatedOnly![0]! + measured.gatedOnly![1]!).toBeGreaterThan(measured.fixedHorizon![0]! + measured.fixedHorizon![1]!);
  });

  it('+20 % conversion at the designed size (80 % power predicted), read after every 50 players: fixed-horizon power ≥ 0.75', () => {
    const runs = 300;
    const design: SampleSizeDesign = { metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2, alpha: ALPHA, power: 0.8 };
    const perArm = requiredSampleSize(design);
    expect(perArm).toBe(4921);
    // Enough players that the smaller arm reaches the design in every run (4 standard deviations of the split).
    const players = 2 * perArm + 400;
    const modes: Record<string, Mode> = {
      fixedHorizon: { inference: 'fixed-horizon', design },
      sequential: { inference: 'sequential' },
      sequentialPlanned: { inference: 'sequential', sequential: { plannedPlayersPerArm: perArm } },
    };
    const hits: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((k) => [k, [0]]));
    let reachedDesign = 0;
    for (let seed = 0; seed < runs; seed++) {
      const looks = simulateLooks({
        seed: `peeking-power/${seed}`,
        variants: [{ conversionRate: 0.08 }, { conversionRate: 0.096 }],
        players,
        batchPlayers: BATCH_PLAYERS,
      });
      const end = looks.at(-1)!;
      if (Math.min(end.conversion[0]!.n, end.conversion[1]!.n) >= perArm) reachedDesign++;
      const hit = anyLookSignificant(looks, modes, METRICS.slice(0, 1), +1);
      for (const [name, h] of Object.entries(hit)) h.forEach((x, i) => x && hits[name]![i]!++);
    }
    expect(reachedDesign).toBe(runs);
    const measured = rates(hits, runs);
    console.log(
      `Power of +20% on 8% conversion, significant at any look (every ${BATCH_PLAYERS} players), ${runs} runs; ` +
        `design: 80% at ${perArm} per arm, sequential plan ${perArm} per arm:`,
      JSON.stringify(measured),
    );
    expect(measured.fixedHorizon![0]).toBeGreaterThanOrEqual(0.75);
    // Always-valid inference pays for looking at any time with power; tuned to the plan it pays less.
    expect(measured.sequentialPlanned![0]).toBeGreaterThan(measured.sequential![0]!);
  });
});
