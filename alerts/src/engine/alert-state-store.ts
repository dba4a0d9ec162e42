/**
 * Where the alert engine keeps what must outlive its process: the alerts pending or
 * firing (with `activeAtMs` / `firedAtMs`, so a restart neither restarts a `for:` wait nor
 * forgets to resolve an alert Alertmanager holds), the resolutions a target has not
 * accepted yet, and the history of fired and resolved events the API and the console show.
 *
 * The engine saves once per cycle, before it delivers: a crash after the save and before
 * the delivery re-sends on restart (Alertmanager deduplicates), while the other order
 * could lose a resolution. This file holds the contract, the history's retention and the
 * in-memory store (tests, and processes with no state directory);
 * file-alert-state-store.ts holds the journal on disk.
 */
import type { OutgoingAlert } from '../delivery/alert-sink.ts';
import type { AlertInstance } from './alert-state.ts';
import type { SeriesVerdict } from './evaluate-rule.ts';

/** A fired or resolved event, as the history keeps it. */
export interface AlertEvent {
  kind: 'fired' | 'resolved';
  atMs: number;
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  generatorUrl: string;
}

/** One pending or firing alert instance as saved. */
export interface PersistedAlert {
  /** The engine's key of the instance: rule name and series labels. */
  key: string;
  alertname: string;
  /** The alert's full label set (its identity at Alertmanager). */
  labels: Record<string, string>;
  instance: AlertInstance;
  /** The latest verdict on its series (value, baseline, threshold). */
  verdict: SeriesVerdict;
  /** The latest text, kept to resolve the alert if its rule is gone from the file at restart. */
  annotations: Record<string, string>;
  generatorUrl: string;
}

/** What a store holds, as the engine restores it at start. */
export interface AlertStateSnapshot {
  alerts: PersistedAlert[];
  /** Resolutions not yet accepted, per sink name. */
  unsentResolved: Record<string, OutgoingAlert[]>;
  /** When the state was last saved (0: never). */
  savedAtMs: number;
}

/** One cycle's changes. */
export interface AlertStateChanges {
  /** The cycle's evaluation time; history retention counts from it. */
  atMs: number;
  /** Instances new or changed since the last save. */
  upsert: PersistedAlert[];
  /** Keys of instances that became inactive. */
  remove: string[];
  /** Fired and resolved events of the cycle, in the order they happened. */
  events: AlertEvent[];
  /** The resolutions not accepted yet, per sink, when they changed. */
  unsentResolved?: Record<string, OutgoingAlert[]>;
}

/** A filter on the history; every field optional. */
export interface AlertHistoryQuery {
  /** Only this rule's events (`alertname`). */
  alertname?: string;
  /** Only fired or only resolved events. */
  kind?: 'fired' | 'resolved';
  /** Events at or after this time. */
  sinceMs?: number;
  /** Events before this time. */
  untilMs?: number;
  /** At most this many, newest first. @default 100 */
  limit?: number;
}

export interface AlertHistoryRetention {
  /** Events kept at most; the oldest go first. @default 10_000 */
  maxEvents?: number;
  /** Events older than this (counted from the latest save) go. @default 30 days */
  maxAgeMs?: number;
}

export const HISTORY_RETENTION_DEFAULTS: Required<AlertHistoryRetention> = { maxEvents: 10_000, maxAgeMs: 30 * 86_400_000 };

export interface AlertStateStore {
  /** `memory` or `file`, for logs. */
  readonly kind: 'memory' | 'file';
  /** The state saved last (empty when nothing was). */
  snapshot(): AlertStateSnapshot;
  /** Saves one cycle's changes; resolves once they are durable. */
  save(changes: AlertStateChanges): Promise<void>;
  /** History events matching the query, newest first. */
  history(query?: AlertHistoryQuery): AlertEvent[];
  close(): Promise<void>;
}

/**
 * The state a store folds its saves into: alerts by key, unsent resolutions, history
 * (oldest first, trimmed to the retention). The file store replays its journal into one.
 */
export class AlertStateModel {
  readonly alerts = new Map<string, PersistedAlert>();
  unsentResolved: Record<string, OutgoingAlert[]> = {};
  events: AlertEvent[] = [];
  savedAtMs = 0;
  private readonly retention: Required<AlertHistoryRetention>;

  constructor(retention: AlertHistoryRetention = {}) {
    this.retention = { ...HISTORY_RETENTION_DEFAULTS, ...retention };
  }

  apply(c: AlertStateChanges): void {
    for (const a of c.upsert) this.alerts.set(a.key, a);
    for (const k of c.remove) this.alerts.delete(k);
    this.events.push(...c.events);
    if (c.unsentResolved) this.unsentResolved = c.unsentResolved;
    this.savedAtMs = Math.max(this.savedAtMs, c.atMs);
    this.trim(this.savedAtMs);
  }

  /** Drops events past the retention, counted back from `nowMs`. Events are appended in time order. */
  trim(nowMs: number): void {
    const cutoff = nowMs - this.retention.maxAgeMs;
    let drop = Math.max(0, this.events.length - this.retention.maxEvents);
    while (drop < this.events.length && this.events[drop]!.atMs < cutoff) drop++;
    if (drop > 0) this.events.splice(0, drop);
  }

  snapshot(): AlertStateSnapshot {
    return { alerts: [...this.alerts.values()], unsentResolved: this.unsentResolved, savedAtMs: this.savedAtMs };
  }

  history(q: AlertHistoryQuery = {}): AlertEvent[] {
    const limit = q.limit ?? 100;
    const out: AlertEvent[] = [];
    for (let i = this.events.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.events[i]!;
      if (q.untilMs !== undefined && e.atMs >= q.untilMs) continue;
      if (q.sinceMs !== undefined && e.atMs < q.sinceMs) break;
      if (q.alertname !== undefined && e.alertname !== q.alertname) continue;
      if (q.kind !== undefined && e.kind !== q.kind) continue;
      out.push(e);
    }
    return out;
  }
}

/** State in this process only: lost on restart. For tests and processes without a state directory. */
export function createMemoryAlertStateStore(retention: AlertHistoryRetention = {}): AlertStateStore {
  const model = new AlertStateModel(retention);
  return {
    kind: 'memory',
    snapshot: () => structuredClone(model.snapshot()),
    save: async (c) => model.apply(structuredClone(c)),
    history: (q) => model.history(q),
    close: async () => undefined,
  };
}
