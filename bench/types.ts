/**
 * The benchmark contract. `npm run bench` runs every registered suite in one process
 * run, prints one table and writes JSON under bench/results/. A suite returns rows;
 * ratios it reports must come from measurements taken in the same run (side by side),
 * never from numbers remembered from elsewhere.
 */
export interface BenchRow {
  /** Suite name, e.g. "pipeline-embedded". */
  suite: string;
  /** What was measured, e.g. "end-to-end events/s". */
  metric: string;
  value: number;
  /** "events/s", "ms", "µs", "KB", "ratio", ... */
  unit: string;
  /** How it was measured, or a target: short. */
  note?: string;
}

export interface BenchContext {
  /** Scratch directory for this run (deleted afterwards). */
  tmpDir: string;
  /** Progress output (stderr), so long suites tell what they are doing. A plain function: suites pass it on as a callback. */
  log: (line: string) => void;
  /** `--quick`: smaller workloads for a smoke run. */
  quick: boolean;
}

export interface BenchSuite {
  name: string;
  /** One line: what it measures. */
  description: string;
  /** Engines it starts (so `--only` / `--skip` can choose), e.g. ['kafka']. */
  needs?: Array<'kafka' | 'druid' | 'chromium'>;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
