/**
 * The fixture the engine tests share (alert-engine, its restart tests, the real
 * Alertmanager restart test): rollup rows as the processor writes them, one minute per
 * row and game, the `EventsDrop` rule that judges them, and a sink that records what the
 * engine delivers.
 *
 * `seasonalDropRows(t0)`: eight days of 100 events a minute for games a and b, then game
 * a at 20 in [t0, t0 + 15 min) and 0 in [t0 + 15, t0 + 20) (the series vanishes), to
 * t0 + 60 min. With `eventsDropRules()` game a pends at t0 + 9, fires at t0 + 12 and
 * resolves at t0 + 27 (alert-engine.test.ts states the arithmetic).
 */
import type { RollupRowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import type { AlertSink, OutgoingAlert } from '../../src/delivery/alert-sink.ts';
import { parseRules } from '../../src/rules/load-rules.ts';
import type { RuleFile } from '../../src/rules/rule.ts';

export const MIN = 60_000;
export const DAY = 86_400_000;
/** Minutes game a is down in `seasonalDropRows`. */
export const DROP_MINUTES = 20;

/** The rule file: `EventsDrop` (or `alertname`), a seasonal drop of events per game, plus `extra` rule YAML. */
export function eventsDropRules(options: { alertname?: string; extra?: string } = {}): RuleFile {
  const r = parseRules(
    `
version: 1
groups:
  - name: g
    interval: 1m
    rules:
      - alert: ${options.alertname ?? 'EventsDrop'}
        kpi: events_by_type
        params: { by: [game] }
        window: 10m
        settle: 2m
        value: events
        condition:
          seasonal: { direction: drop, change: 0.5, seasonalDays: [1, 2, 3, 7], trailingWindows: 6, minPoints: 2, minBaseline: 200 }
        for: 3m
        severity: page
        labels: { team: liveops }
        annotations: { summary: 'events in {{ game }} at {{ value }}, usually {{ baseline }}' }
        console: '/?game={{ game }}'
${options.extra ?? ''}`,
    'test.yml',
  );
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.file;
}

/** Rows for games a and b, one per minute from `fromMs`, with `perMinute(game, ms)` events (none when 0). */
export function minuteRows(fromMs: number, minutes: number, perMinute: (game: string, ms: number) => number): RollupRowData[] {
  const rows: RollupRowData[] = [];
  for (let m = 0; m < minutes; m++) {
    const ms = fromMs + m * MIN;
    for (const game of ['a', 'b']) {
      const events = perMinute(game, ms);
      if (events > 0)
        rows.push({
          windowStartMs: ms,
          gameId: game,
          build: '1.0',
          platform: 'ios',
          country: 'DE',
          eventType: 'progression',
          action: 'start',
          events,
        });
    }
  }
  return rows;
}

/** Eight days at 100 a minute, then game a's drop from `t0` (see the file's comment), to t0 + 60 min. */
export function seasonalDropRows(t0: number): RollupRowData[] {
  return minuteRows(t0 - 8 * DAY, 8 * 1440 + 60, (g, ms) => {
    if (g !== 'a' || ms < t0 || ms >= t0 + DROP_MINUTES * MIN) return 100;
    return ms >= t0 + (DROP_MINUTES - 5) * MIN ? 0 : 20;
  });
}

/** An in-memory DuckDB store holding `rows`, committed as the processor commits. */
export async function storeWith(rows: RollupRowData[]): Promise<DuckDbStore> {
  const store = await openDuckDbStore({ path: ':memory:' });
  await store.commit({ consumer: 'test', rollups: rows, players: [], positions: [], state: [], deadLetters: [] });
  return store;
}

/** Records every delivered batch; `fail` makes it refuse (retryable), as a target that is down. */
export class CapturingSink implements AlertSink {
  readonly name = 'capture';
  readonly batches: OutgoingAlert[][] = [];
  fail = false;
  async send(alerts: readonly OutgoingAlert[]) {
    if (this.fail) return { ok: false as const, error: 'down', retryable: true };
    this.batches.push([...alerts]);
    return { ok: true as const, sent: alerts.length };
  }
  get firing(): OutgoingAlert[] {
    return this.batches.flat().filter((a) => a.endsAtMs === undefined);
  }
  get resolved(): OutgoingAlert[] {
    return this.batches.flat().filter((a) => a.endsAtMs !== undefined);
  }
}
