/**
 * The alert engine: evaluates every rule at its group's interval on the store, moves each
 * (rule, series) instance through its states (alert-state.ts), and hands the result to
 * the delivery targets each cycle — every firing alert (re-sent, so a restarted
 * Alertmanager relearns it) and every resolution not yet accepted. Its state — the
 * alerts pending or firing, the resolutions not yet accepted, the history of fired and
 * resolved events the API and the console show — lives in an AlertStateStore
 * (alert-state-store.ts): saved each cycle before delivery and restored at construction,
 * so a restarted engine continues each `for:` wait and resolves what it had fired.
 *
 * A rule whose query fails is skipped for that cycle (logged and counted): its instances
 * keep their state, so a store hiccup neither resolves nor fires anything.
 */
import { Registry, type Logger } from '@gamepulse/service';
import type { Dialect } from '@gamepulse/kpi';
import type { Store } from '@gamepulse/store';
import type { AlertSink, OutgoingAlert } from '../delivery/alert-sink.ts';
import type { AlertRule, RuleFile } from '../rules/rule.ts';
import { newInstance, step, type AlertInstance, type AlertState } from './alert-state.ts';
import {
  createMemoryAlertStateStore,
  type AlertEvent,
  type AlertHistoryQuery,
  type AlertStateStore,
  type PersistedAlert,
} from './alert-state-store.ts';
import { StateSync } from './state-sync.ts';
import { orphanResolution, pendingOutlived, sortRestored } from './restored-alerts.ts';
import { alertText, type AlertText } from './alert-text.ts';
import { engineMetrics, type EngineMetrics } from './engine-metrics.ts';
import { evaluateRule, historyStartMs, type SeriesVerdict } from './evaluate-rule.ts';

/** How long the store's first rollup window is remembered before it is asked again. */
const HISTORY_START_TTL_MS = 3_600_000;

export interface AlertEngineOptions {
  store: Store;
  /** @default the store engine's default dialect */
  dialect?: Dialect;
  rules: RuleFile;
  /** Where alerts go (Alertmanager, webhook). @default none: alerts show in the API only */
  sinks?: readonly AlertSink[];
  /** The clock evaluations read. @default Date.now */
  nowMs?: () => number;
  /** Base of the console links in `generatorURL`. @default http://127.0.0.1:8090 */
  consoleUrl?: string;
  registry?: Registry;
  logger?: Logger;
  /**
   * Where alerts and their history are kept across restarts (openFileAlertStateStore).
   * The engine saves to it; its owner closes it after `stop`. @default in memory
   */
  stateStore?: AlertStateStore;
  /**
   * A restored pending alert whose last breach is older than this at the first cycle
   * starts its `for:` wait again (Prometheus's `--rules.alert.for-outage-tolerance`):
   * nobody knows whether it breached while the engine was down. @default 1 h
   */
  forOutageToleranceMs?: number;
}

export type { AlertEvent, AlertHistoryQuery } from './alert-state-store.ts';

/** An alert as the API shows it. */
export interface AlertView {
  alertname: string;
  state: Exclude<AlertState, 'inactive'>;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** When the breach began (pending since). */
  activeAtMs: number;
  /** When it started firing (0 while pending). */
  firedAtMs: number;
  value: number;
  baseline?: number;
  threshold?: number;
  generatorUrl: string;
}

export interface CycleReport {
  nowMs: number;
  rulesEvaluated: number;
  rulesFailed: number;
  queries: number;
  fired: AlertEvent[];
  resolved: AlertEvent[];
}

interface Tracked {
  rule: AlertRule;
  instance: AlertInstance;
  verdict: SeriesVerdict;
  labels: Record<string, string>;
}

export class AlertEngine {
  private readonly o: Required<Omit<AlertEngineOptions, 'dialect' | 'logger'>> & Pick<AlertEngineOptions, 'dialect' | 'logger'>;
  private readonly metrics: EngineMetrics;
  private readonly tracked = new Map<string, Tracked>();
  private readonly dueAtMs = new Map<string, number>();
  /** Resolutions each sink has not accepted yet. */
  private readonly unsentResolved = new Map<string, OutgoingAlert[]>();
  private readonly state: AlertStateStore;
  private readonly sync: StateSync;
  /** Restored alerts the first cycle still has to check (outage tolerance, rules gone). */
  private restored: { pending: string[]; orphans: PersistedAlert[] } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private history0: { askedAtMs: number; startMs: number | null } | undefined;

  constructor(options: AlertEngineOptions) {
    this.o = {
      ...options,
      sinks: options.sinks ?? [],
      nowMs: options.nowMs ?? Date.now,
      consoleUrl: options.consoleUrl ?? 'http://127.0.0.1:8090',
      registry: options.registry ?? new Registry(),
      stateStore: options.stateStore ?? createMemoryAlertStateStore(),
      forOutageToleranceMs: options.forOutageToleranceMs ?? 3_600_000,
    };
    this.state = this.o.stateStore;
    this.sync = new StateSync(this.state);
    this.metrics = engineMetrics(this.o.registry);
    this.restore();
  }

  /** Takes over the saved state (restored-alerts.ts): instances of known rules, resolutions not yet accepted. */
  private restore(): void {
    const snap = this.sync.restore();
    const { known, orphans } = sortRestored(snap.alerts, this.o.rules.rules);
    for (const { alert: a, rule } of known) this.tracked.set(a.key, { rule, instance: a.instance, verdict: a.verdict, labels: a.labels });
    for (const s of this.o.sinks) this.unsentResolved.set(s.name, snap.unsentResolved[s.name] ?? []);
    if (snap.alerts.length === 0) return;
    this.restored = { pending: known.filter((k) => k.alert.instance.state === 'pending').map((k) => k.alert.key), orphans };
    this.o.logger?.info('alerts restored from the state store', {
      store: this.state.kind,
      firing: snap.alerts.filter((a) => a.instance.state === 'firing').length,
      pending: this.restored.pending.length,
      savedAtMs: snap.savedAtMs,
    });
  }

  /** First cycle after a restore: pending alerts past the outage tolerance start over; firing alerts of removed rules resolve. */
  private settleRestored(nowMs: number, report: CycleReport): void {
    const r = this.restored;
    if (!r) return;
    this.restored = undefined;
    for (const key of r.pending) {
      const t = this.tracked.get(key);
      if (!t || !pendingOutlived(t.instance, nowMs, this.o.forOutageToleranceMs)) continue;
      this.tracked.delete(key);
      this.o.logger?.info('restored pending alert starts its `for` again: the engine was down longer than the outage tolerance', {
        alertname: t.rule.name,
        labels: t.labels,
      });
    }
    for (const a of r.orphans) {
      if (a.instance.state !== 'firing') continue;
      const { event, outgoing } = orphanResolution(a, nowMs);
      this.record(event, report);
      this.o.logger?.warn('alert resolved: its rule is no longer in the rule file', { alertname: a.alertname, labels: a.labels });
      for (const list of this.unsentResolved.values()) list.push(outgoing);
    }
  }

  private record(event: AlertEvent, report: CycleReport): void {
    this.sync.record(event);
    (event.kind === 'fired' ? report.fired : report.resolved).push(event);
  }

  get rules(): readonly AlertRule[] {
    return this.o.rules.rules;
  }

  /**
   * Evaluates the rules due at `nowMs` (every rule when `all`), applies the transitions and
   * delivers. Tests drive time through this; `start` calls it on a timer.
   */
  async evaluate(nowMs = this.o.nowMs(), all = false): Promise<CycleReport> {
    const started = performance.now();
    const report: CycleReport = { nowMs, rulesEvaluated: 0, rulesFailed: 0, queries: 0, fired: [], resolved: [] };
    this.settleRestored(nowMs, report);
    for (const rule of this.o.rules.rules) {
      if (!all && (this.dueAtMs.get(rule.name) ?? 0) > nowMs) continue;
      this.dueAtMs.set(rule.name, nowMs + rule.intervalMs);
      try {
        const ev = await evaluateRule(rule, nowMs, {
          store: this.o.store,
          dialect: this.o.dialect,
          historyStartMs: await this.historyStart(nowMs),
        });
        report.queries += ev.queries;
        report.rulesEvaluated++;
        this.metrics.evaluations.inc({ rule: rule.name, result: 'ok' });
        this.apply(rule, ev.series, nowMs, report);
      } catch (err) {
        report.rulesFailed++;
        this.metrics.evaluations.inc({ rule: rule.name, result: 'failed' });
        this.o.logger?.warn('alert rule evaluation failed; its alerts keep their state', {
          rule: rule.name,
          error: (err as Error).message,
        });
      }
    }
    this.updateGauges();
    await this.save(nowMs);
    await this.deliver(report);
    // Resolutions a target accepted leave the store too (else they are re-sent after a restart).
    if (this.sync.unsentChanged(this.unsent())) await this.save(nowMs);
    this.metrics.evaluationSeconds.observe((performance.now() - started) / 1000);
    return report;
  }

  /** The store's first rollup window, asked at most every HISTORY_START_TTL_MS (it moves only with retention). */
  private async historyStart(nowMs: number): Promise<number | null> {
    if (this.history0 === undefined || nowMs - this.history0.askedAtMs >= HISTORY_START_TTL_MS || this.history0.startMs === null)
      this.history0 = { askedAtMs: nowMs, startMs: (await historyStartMs(this.o.store, this.o.dialect)) ?? null };
    return this.history0.startMs;
  }

  private apply(rule: AlertRule, series: readonly SeriesVerdict[], nowMs: number, report: CycleReport): void {
    const seen = new Set<string>();
    const signal = (key: string, verdict: SeriesVerdict, present: boolean) => {
      const breach = present && verdict.breach;
      let t = this.tracked.get(key);
      if (!t) {
        if (!breach) return;
        t = { rule, instance: newInstance(), verdict, labels: this.labelsOf(rule, verdict) };
        this.tracked.set(key, t);
      }
      if (present) t.verdict = verdict;
      const holds = t.instance.state === 'firing' ? present && (verdict.sustained ?? verdict.breach) : breach;
      const tr = step(t.instance, holds ? 'breach' : 'clear', nowMs, rule);
      if (tr.notify !== 'none') {
        const event = this.event(t, tr.notify, nowMs);
        this.record(event, report);
        this.o.logger?.info(`alert ${tr.notify}`, { alertname: rule.name, labels: event.labels, value: event.value });
        if (tr.notify === 'resolved') for (const list of this.unsentResolved.values()) list.push(this.outgoing(t, nowMs));
      }
      if (t.instance.state === 'inactive') this.tracked.delete(key);
    };
    for (const v of series) {
      const key = `${rule.name}\u0001${JSON.stringify(v.labels)}`;
      seen.add(key);
      signal(key, v, true);
    }
    // A series gone from the result no longer breaches.
    for (const [key, t] of this.tracked) if (t.rule === rule && !seen.has(key)) signal(key, t.verdict, false);
  }

  private labelsOf(rule: AlertRule, v: SeriesVerdict): Record<string, string> {
    return { alertname: rule.name, severity: rule.severity, ...rule.labels, ...v.labels };
  }

  private text(t: Tracked): AlertText {
    return alertText(t.rule, t.labels, t.verdict, this.o.consoleUrl);
  }

  private event(t: Tracked, kind: 'fired' | 'resolved', atMs: number): AlertEvent {
    return {
      kind,
      atMs,
      alertname: t.rule.name,
      severity: t.rule.severity,
      labels: t.labels,
      value: t.verdict.value,
      ...this.text(t),
    };
  }

  private outgoing(t: Tracked, nowMs: number): OutgoingAlert {
    return {
      labels: t.labels,
      ...this.text(t),
      startsAtMs: t.instance.firedAtMs,
      ...(t.instance.state === 'firing' ? {} : { endsAtMs: nowMs }),
    };
  }

  /** What the store keeps of a tracked instance. */
  private persisted(key: string, t: Tracked): PersistedAlert {
    return { key, alertname: t.rule.name, labels: t.labels, instance: { ...t.instance }, verdict: t.verdict, ...this.text(t) };
  }

  private unsent(): Record<string, OutgoingAlert[]> {
    return Object.fromEntries(this.unsentResolved);
  }

  /**
   * Saves what changed since the last save (state-sync.ts). A failed save is logged and
   * counted; the engine goes on from its memory and the next save writes the changes.
   */
  private async save(nowMs: number): Promise<void> {
    try {
      const alerts = [...this.tracked].map(([key, t]) => this.persisted(key, t));
      if (await this.sync.save(nowMs, alerts, this.unsent())) this.metrics.stateSaves.inc({ result: 'ok' });
    } catch (err) {
      this.metrics.stateSaves.inc({ result: 'failed' });
      this.o.logger?.error('alert state not saved; kept in memory and saved with the next cycle', { error: (err as Error).message });
    }
  }

  private async deliver(report: CycleReport): Promise<void> {
    if (this.o.sinks.length === 0) return;
    const firing = [...this.tracked.values()].filter((t) => t.instance.state === 'firing').map((t) => this.outgoing(t, report.nowMs));
    await Promise.all(
      this.o.sinks.map(async (sink) => {
        const resolved = this.unsentResolved.get(sink.name)!;
        const batch = [...firing, ...resolved];
        if (batch.length === 0) return;
        const result = await sink.send(batch);
        this.metrics.notifications.inc({ sink: sink.name, result: result.ok ? 'ok' : 'failed' });
        for (const r of result.rejected ?? []) {
          this.metrics.notifications.inc({ sink: sink.name, result: 'rejected' });
          this.o.logger?.error('alert refused by the sink: fix the rule', { sink: sink.name, labels: r.alert.labels, reason: r.reason });
        }
        if (result.ok) resolved.splice(0, resolved.length);
        else
          this.o.logger?.warn('alert delivery failed; retried next cycle', {
            sink: sink.name,
            error: result.error,
            retryable: result.retryable,
          });
      }),
    );
  }

  private updateGauges(): void {
    this.metrics.alerts.reset();
    for (const t of this.tracked.values())
      if (t.instance.state !== 'inactive') this.metrics.alerts.inc({ alertname: t.rule.name, state: t.instance.state });
  }

  /** Alerts pending or firing now, firing first, then by name. */
  active(): AlertView[] {
    return [...this.tracked.values()]
      .filter((t) => t.instance.state !== 'inactive')
      .map((t) => ({
        alertname: t.rule.name,
        state: t.instance.state as 'pending' | 'firing',
        severity: t.rule.severity,
        labels: t.labels,
        ...this.text(t),
        activeAtMs: t.instance.activeAtMs,
        firedAtMs: t.instance.state === 'firing' ? t.instance.firedAtMs : 0,
        value: t.verdict.value,
        baseline: t.verdict.baseline,
        threshold: t.verdict.threshold,
      }))
      .sort((a, b) => (a.state === b.state ? a.alertname.localeCompare(b.alertname) : a.state === 'firing' ? -1 : 1));
  }

  /** Fired and resolved events, newest first (the last `limit`, default 100). */
  events(limit?: number): AlertEvent[] {
    return this.history({ limit });
  }

  /** Fired and resolved events matching the query, newest first, from the state store (restarts included). */
  history(query: AlertHistoryQuery = {}): AlertEvent[] {
    return this.state.history(query);
  }

  /** Evaluates on a timer: each rule at its group's interval, one cycle at a time. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.evaluate()
        .catch((err: unknown) => this.o.logger?.error('alert cycle failed', { error: (err as Error).message }))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const now = this.o.nowMs();
          const next = Math.min(...this.o.rules.rules.map((r) => this.dueAtMs.get(r.name) ?? now));
          this.timer = setTimeout(tick, Math.max(1_000, next - now));
          this.timer.unref?.();
        });
    };
    tick();
  }

  /** Stops the timer and waits for a cycle under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
