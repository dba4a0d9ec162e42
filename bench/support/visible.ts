/**
 * Waiting for a pipeline to make every sent event visible in a query: the end of an
 * end-to-end throughput measurement. Shared by the embedded and the Kafka pipeline suites.
 */
import type { Service } from '../../scripts/start/services.ts';
import type { BenchContext } from '../types.ts';

/** Events of `gameId` the query API counts (events_by_type over all time); 0 while it is not up. */
export async function totalVisible(queryPort: number, gameId: string): Promise<number> {
  try {
    const res = await fetch(
      `http://127.0.0.1:${queryPort}/v1/kpis/events_by_type?game=${gameId}&granularity=all&from=0&to=${Date.now() + 86_400_000}`,
    );
    if (!res.ok) return 0;
    const body = (await res.json()) as { rows: Array<{ events: number }> };
    return body.rows.reduce((n, r) => n + Number(r.events), 0);
  } catch {
    return 0;
  }
}

export interface WaitVisibleOptions {
  /** Services that must stay up; one exiting fails the run with its log file named. */
  services: readonly Service[];
  queryPort: number;
  gameId: string;
  /** Events sent: reaching it ends the wait; exceeding it is an over-count and fails. */
  total: number;
  /** Poll interval: it bounds the precision of the measured end. */
  pollMs: number;
  /** Give up after this long. @default 600_000 */
  timeoutMs?: number;
}

/** Resolves with the wall-clock ms at which all `total` events were first seen. */
export async function waitAllVisible(ctx: BenchContext, o: WaitVisibleOptions): Promise<number> {
  const startedAt = Date.now();
  const timeoutMs = o.timeoutMs ?? 600_000;
  let lastReport = startedAt;
  while (true) {
    for (const s of o.services)
      if (s.child.exitCode !== null) throw new Error(`${s.name} exited with ${s.child.exitCode}; see ${s.logFile}`);
    const visible = await totalVisible(o.queryPort, o.gameId);
    if (visible >= o.total) {
      if (visible !== o.total) throw new Error(`store shows ${visible} events, ${o.total} were sent: over-count`);
      return Date.now();
    }
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      ctx.log(
        `  … ${visible.toLocaleString()} / ${o.total.toLocaleString()} visible after ${((lastReport - startedAt) / 1000).toFixed(0)} s`,
      );
    }
    if (Date.now() - startedAt > timeoutMs)
      throw new Error(`only ${visible} of ${o.total} events visible after ${timeoutMs / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}
