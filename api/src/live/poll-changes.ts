/**
 * A change feed for a store that cannot announce its commits (Druid: rows arrive through
 * its own Kafka ingestion). While anyone listens, it runs one cheap probe every
 * `intervalMs` — row count, event sum and latest window over the recent rollups — and
 * reports a change when the answer differs from the last. One probe serves every console
 * connected to this API, instead of each page re-running all its KPIs on a timer.
 */
import type { Dialect } from '@gamepulse/kpi';
import type { ChangeFeed, Store, StoreChange } from '@gamepulse/store';
import type { Logger } from '@gamepulse/service';
import { GLOBAL_TIMERS, type LiveChangesTimers } from './live-changes.ts';

export interface PollChangesOptions {
  store: Store;
  dialect: Dialect;
  /** Probe period. @default 2000 */
  intervalMs?: number;
  /** How far back the probe looks: late rows older than this do not count as a change. @default 15 minutes */
  lookbackMs?: number;
  /** @default Date.now */
  nowMs?: () => number;
  /** @default the global timer functions */
  timers?: Pick<LiveChangesTimers, 'setTimeout' | 'clearTimeout'>;
  /** Logs failed probes (the feed keeps probing). */
  logger?: Logger;
}

/** The probe's SQL: what changes when rows land in the recent rollups. */
export function changeProbeSql(dialect: Dialect, sinceMs: number): string {
  const t = dialect.timeColumn;
  return `SELECT COUNT(*) AS row_count, SUM(events) AS events, MAX(${dialect.bucketStartMs('minute')}) AS max_window_ms
    FROM ${dialect.table('rollups')} WHERE ${t} >= ${dialect.timeLiteral(sinceMs)}`;
}

export function pollChanges(options: PollChangesOptions): ChangeFeed {
  const intervalMs = options.intervalMs ?? 2000;
  const lookbackMs = options.lookbackMs ?? 15 * 60_000;
  const nowMs = options.nowMs ?? Date.now;
  const timers = options.timers ?? GLOBAL_TIMERS;
  const listeners = new Set<(change: StoreChange) => void>();
  let timer: unknown;
  let probing = false;
  let last: { key: string; rows: number } | undefined;

  const probe = async () => {
    timer = undefined;
    probing = true;
    try {
      const [row] = await options.store.sql(changeProbeSql(options.dialect, nowMs() - lookbackMs));
      const rows = Number(row?.row_count ?? 0);
      const maxWindow = row?.max_window_ms == null ? undefined : Number(row.max_window_ms);
      const key = `${rows}|${row?.events ?? 0}|${maxWindow ?? ''}`;
      if (last !== undefined && key !== last.key && listeners.size > 0) {
        const change: StoreChange = {
          kind: 'commit',
          consumer: `${options.store.engine} ingestion`,
          rows: Math.max(rows - last.rows, 0),
          ...(maxWindow === undefined || !Number.isFinite(maxWindow) ? {} : { maxWindowStartMs: maxWindow }),
          atMs: nowMs(),
        };
        for (const l of listeners) l(change);
      }
      last = { key, rows };
    } catch (err) {
      options.logger?.warn('change probe failed', { err });
    } finally {
      probing = false;
    }
    if (listeners.size > 0) timer = timers.setTimeout(() => void probe(), intervalMs);
  };

  return {
    onChange(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && timer === undefined && !probing) {
        last = undefined;
        void probe();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          timers.clearTimeout(timer);
          timer = undefined;
        }
      };
    },
  };
}
