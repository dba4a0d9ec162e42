/**
 * One line per seed that `npm run test:seeds` (scripts/test-seeds.mjs) collects from the
 * e2e and chaos suites: what was injected and what the store held against the ledger.
 * Printed before the suite's own assertions, so a failing seed reports too.
 */

export interface SeedReport {
  suite: string;
  seed: string;
  /** Events the simulator's ledger holds. */
  events: number;
  /** Events the store holds (undefined: the query API did not answer). */
  stored: number | undefined;
  /** The re-send plan's counters (resending-transport.ts): batches, sent twice, acks lost, and any others it keeps. */
  resends: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
}

/** Lost and duplicated events, net, from the totals: the dimension-by-dimension comparison follows in the suite. */
export function lossAndDuplication(r: Pick<SeedReport, 'events' | 'stored'>): { lost: number | null; duplicated: number | null } {
  if (r.stored === undefined) return { lost: null, duplicated: null };
  return { lost: Math.max(0, r.events - r.stored), duplicated: Math.max(0, r.stored - r.events) };
}

export function printSeedReport(r: SeedReport): void {
  console.log(`[seed-report] ${JSON.stringify({ ...r, ...lossAndDuplication(r) })}`);
}

/**
 * The seeds a suite runs: `${single}` names one seed; `${count}`=N runs `<prefix>-1` …
 * `<prefix>-N`; neither runs `defaults`.
 */
export function seedsFromEnv(prefix: string, single: string, count: string, defaults: number): string[] {
  const one = process.env[single];
  if (one) return [one];
  const n = Number(process.env[count] ?? defaults);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${count} must be a positive integer, got "${process.env[count]}"`);
  return Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
}
