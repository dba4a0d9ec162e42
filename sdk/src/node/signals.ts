/**
 * Graceful shutdown for game servers: on SIGTERM (what Kubernetes, systemd and
 * `docker stop` send before SIGKILL) and SIGINT, flush what is queued within a
 * deadline, then exit. Kubernetes waits `terminationGracePeriodSeconds` (30 s by
 * default) before SIGKILL, so the default deadline stays well inside it.
 */
import type { Gamepulse } from '../core/api.ts';

export interface ShutdownOnSignalsOptions {
  /** @default ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Longest wait for the flush. @default 10_000 */
  deadlineMs?: number;
  /** Exit the process afterwards (set false if the server has its own handler that exits). @default true */
  exit?: boolean;
}

/** Installs the handlers; returns a function that removes them. */
export function shutdownOnSignals(gp: Gamepulse, o: ShutdownOnSignalsOptions = {}): () => void {
  const signals = o.signals ?? ['SIGTERM', 'SIGINT'];
  const deadlineMs = o.deadlineMs ?? 10_000;
  const handler = (signal: NodeJS.Signals) => {
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
    void Promise.race([gp.shutdown(), deadline]).then(() => {
      if (o.exit ?? true) process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  for (const s of signals) process.once(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
