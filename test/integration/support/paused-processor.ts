/**
 * The paused-processor fault of the Kafka chaos test: a real processor process is
 * stopped with SIGSTOP (a long GC pause, a frozen VM, a laptop lid) while it holds
 * uncommitted work, past its session timeout; once the group gave all its partitions to
 * the other member — read from that member's own metrics — it gets SIGCONT. Whatever it
 * had folded but not committed is a zombie's work by then: its late transaction must be fenced by the partition's
 * transactional id (the other member's producer bumped the epoch), and the exact
 * totals prove none of it was applied twice.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_PARTITIONS } from '@gamepulse/log';
import { until } from '@gamepulse/testkit';
import type { Pipeline } from '@gamepulse/testkit/pipeline';

/** Events partitions a processor holds: one committed-offset series per owned partition. */
export async function ownedPartitions(metricsUrl: string): Promise<number[]> {
  const text = await fetch(metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  const owned: number[] = [];
  for (const m of text.matchAll(/^gamepulse_processor_committed_offset\{[^}]*partition="(\d+)"[^}]*\} /gm)) owned.push(Number(m[1]));
  return owned.sort((a, b) => a - b);
}

/** Late transactions of a processor that the broker fenced, from its JSON log ("partition transaction failed", fenced: true). */
export function fencedTransactions(logFile: string): number {
  let n = 0;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('partition transaction failed')) continue;
    try {
      if ((JSON.parse(line) as { fenced?: boolean }).fenced === true) n++;
    } catch {
      /* a torn last line */
    }
  }
  return n;
}

/** The processor's commit cycle state (processor/src/commit-cycle.ts), from its gauge; '' when it does not answer. */
export async function cycleState(metricsUrl: string): Promise<string> {
  const text = await fetch(metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  // Labels in any order: the registry adds service="processor" to every series.
  return /^gamepulse_processor_cycle_state\{(?:[^}]*,)?state="(\w+)"[^}]*\} 1$/m.exec(text)?.[1] ?? '';
}

export interface PauseReport {
  /** The processor paused (index in the pipeline). */
  victim: number;
  /** Pauses it took until a late transaction was fenced (a pause can land just after a commit, with nothing pending). */
  attempts: number;
  /** Partitions the paused processor held when it was stopped (last attempt). */
  heldBefore: number[];
  /** Seconds until the other member held every partition (last attempt). */
  movedAfterS: number;
  /** Fenced transactions in the paused processor's log after it resumed. */
  fenced: number;
}

/**
 * SIGSTOP the first of the two processors seen holding uncommitted work (its commit
 * cycle is `aggregating` or `committing`), wait until the other one holds every events
 * partition, SIGCONT, and wait for the resumed one's late transaction to be fenced. A
 * pause that landed just after a commit leaves nothing to fence: it is tried again, up
 * to `maxAttempts` times. The caller compares the store with the ledger.
 */
export async function pauseProcessor(pipeline: Pipeline, maxAttempts = 4): Promise<PauseReport> {
  const urls = pipeline.processorMetricsUrls();
  const fencedBefore = pipeline.processors.map((p) => fencedTransactions(p.logFile));
  let report: PauseReport = { victim: -1, attempts: 0, heldBefore: [], movedAfterS: 0, fenced: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // A member holding partitions with work not yet committed (traffic reaches only some partitions at times).
    let states: string[] = [];
    let heldBefore: number[] = [];
    const victim = await until(
      async () => {
        states = await Promise.all(urls.map(cycleState));
        const i = states.findIndex((s) => s === 'aggregating' || s === 'committing');
        if (i < 0) return 0;
        heldBefore = await ownedPartitions(urls[i]!);
        return heldBefore.length > 0 ? i + 1 : 0;
      },
      () => `a processor with uncommitted work (cycles ${states.join(', ') || 'unknown'})`,
      { timeoutMs: 120_000, everyMs: 10 },
    ).then((i) => i - 1);
    const other = 1 - victim;
    const paused = pipeline.processors[victim]!;
    const stoppedAt = Date.now();
    paused.child.kill('SIGSTOP');
    let holds: number[] = [];
    try {
      await until(
        async () => (holds = await ownedPartitions(urls[other]!)).length === DEFAULT_PARTITIONS.events,
        () => `processor ${other} to hold all ${DEFAULT_PARTITIONS.events} partitions (holds ${holds.join(', ') || 'none'})`,
        { timeoutMs: 120_000, everyMs: 250 },
      );
    } finally {
      paused.child.kill('SIGCONT');
    }
    const movedAfterS = Math.round((Date.now() - stoppedAt) / 1000);
    // The resumed member's late commit meets the other member's producer epoch: fenced.
    const fenced = await until(() => fencedTransactions(paused.logFile) - fencedBefore[victim]!, 'a fenced late transaction', {
      timeoutMs: 30_000,
      everyMs: 200,
    }).catch(() => 0);
    report = { victim, attempts: attempt, heldBefore, movedAfterS, fenced };
    if (fenced > 0) break;
  }
  return report;
}
