/**
 * The journal on disk: what is saved comes back after a reopen, a torn last line (a
 * crash mid-write) is skipped with a warning, the history keeps to its retention (count
 * and age, on an injected clock), and compaction leaves one snapshot line.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@gamepulse/service';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertEvent, AlertStateChanges, PersistedAlert } from './alert-state-store.ts';
import { JOURNAL_FILE, openFileAlertStateStore } from './file-alert-state-store.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 8, 12, 0);
const root = mkdtempSync(join(tmpdir(), 'gp-alert-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `s${n++}`);

function alert(key: string, state: 'pending' | 'firing', atMs: number): PersistedAlert {
  return {
    key,
    alertname: key,
    labels: { alertname: key, severity: 'page', game: 'a' },
    instance: { state, activeAtMs: atMs, firedAtMs: state === 'firing' ? atMs : 0, lastBreachMs: atMs },
    verdict: { labels: { game: 'a' }, breach: true, value: 3, baseline: 10 },
    annotations: { summary: `${key} low`, value: '3' },
    generatorUrl: 'http://console.test/?game=a',
  };
}

function event(kind: 'fired' | 'resolved', alertname: string, atMs: number): AlertEvent {
  return { kind, atMs, alertname, severity: 'page', labels: { alertname }, annotations: {}, value: 1, generatorUrl: 'http://c' };
}

const cycle = (atMs: number, c: Partial<AlertStateChanges> = {}): AlertStateChanges => ({
  atMs,
  upsert: [],
  remove: [],
  events: [],
  ...c,
});

function capturingLogger() {
  const lines: Array<{ level: string; msg: string }> = [];
  return { lines, logger: createLogger({ service: 'test', write: (l) => lines.push(JSON.parse(l) as { level: string; msg: string }) }) };
}

describe('file alert state store', () => {
  it('gives back after a reopen what was saved: alerts, removals, unsent resolutions, history', async () => {
    const dir = freshDir();
    const s1 = openFileAlertStateStore({ dir, nowMs: () => T0 });
    await s1.save(cycle(T0, { upsert: [alert('A', 'pending', T0), alert('B', 'pending', T0)] }));
    await s1.save(cycle(T0 + MIN, { upsert: [alert('A', 'firing', T0 + MIN)], events: [event('fired', 'A', T0 + MIN)] }));
    const unsent = {
      alertmanager: [{ labels: { alertname: 'B' }, annotations: {}, startsAtMs: T0, endsAtMs: T0 + 2 * MIN, generatorUrl: 'x' }],
    };
    await s1.save(cycle(T0 + 2 * MIN, { remove: ['B'], unsentResolved: unsent }));
    await s1.close();

    const s2 = openFileAlertStateStore({ dir, nowMs: () => T0 + 3 * MIN });
    expect(s2.replay).toEqual({ lines: 4, skipped: 0 }); // the open's snapshot and three cycles
    const snap = s2.snapshot();
    expect(snap.alerts).toEqual([alert('A', 'firing', T0 + MIN)]);
    expect(snap.unsentResolved).toEqual(unsent);
    expect(snap.savedAtMs).toBe(T0 + 2 * MIN);
    expect(s2.history()).toEqual([event('fired', 'A', T0 + MIN)]);
    await s2.close();
  });

  it('skips a torn last line with a warning and keeps every line before it', async () => {
    const dir = freshDir();
    const s1 = openFileAlertStateStore({ dir, nowMs: () => T0 });
    await s1.save(cycle(T0, { upsert: [alert('A', 'firing', T0)], events: [event('fired', 'A', T0)] }));
    await s1.close();
    // A crash in the middle of the next cycle's write: half a line, no newline.
    const path = join(dir, JOURNAL_FILE);
    const next = JSON.stringify({ v: 1, t: 'cycle', ...cycle(T0 + MIN, { remove: ['A'], events: [event('resolved', 'A', T0 + MIN)] }) });
    appendFileSync(path, next.slice(0, next.length >> 1));

    const { lines, logger } = capturingLogger();
    const s2 = openFileAlertStateStore({ dir, nowMs: () => T0 + 2 * MIN, logger });
    expect(s2.replay).toEqual({ lines: 2, skipped: 1 });
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'alert state: skipped a torn last line (the process stopped mid-write)',
    ]);
    expect(s2.snapshot().alerts.map((a) => [a.key, a.instance.state])).toEqual([['A', 'firing']]);
    expect(s2.history().map((e) => e.kind)).toEqual(['fired']);
    // The open rewrote the journal whole: the next line starts on a line of its own.
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(2);
    await s2.save(cycle(T0 + 3 * MIN, { remove: ['A'], events: [event('resolved', 'A', T0 + 3 * MIN)] }));
    await s2.close();
    const s3 = openFileAlertStateStore({ dir, nowMs: () => T0 + 4 * MIN });
    expect(s3.replay.skipped).toBe(0);
    expect(s3.snapshot().alerts).toEqual([]);
    expect(s3.history().map((e) => [e.kind, e.atMs])).toEqual([
      ['resolved', T0 + 3 * MIN],
      ['fired', T0],
    ]);
    await s3.close();
  });

  it('skips a damaged line in the middle and one of an unknown format, counting both', async () => {
    const dir = freshDir();
    const ok = (atMs: number, name: string) =>
      JSON.stringify({ v: 1, t: 'cycle', ...cycle(atMs, { events: [event('fired', name, atMs)] }) });
    mkdirSync(dir);
    writeFileSync(
      join(dir, JOURNAL_FILE),
      [ok(T0, 'A'), '{"v":1,"t":"cyc', JSON.stringify({ v: 9, t: 'cycle' }), ok(T0 + MIN, 'B'), ''].join('\n'),
    );
    const { lines, logger } = capturingLogger();
    const s = openFileAlertStateStore({ dir, nowMs: () => T0 + MIN, logger });
    expect(s.replay).toEqual({ lines: 2, skipped: 2 });
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(s.history().map((e) => e.alertname)).toEqual(['B', 'A']);
    await s.close();
  });

  it('keeps the history to its retention: the newest maxEvents, none older than maxAgeMs', async () => {
    const dir = freshDir();
    const retention = { maxEvents: 3, maxAgeMs: 1 * DAY };
    const s1 = openFileAlertStateStore({ dir, retention, nowMs: () => T0 });
    for (let i = 0; i < 5; i++) await s1.save(cycle(T0 + i * MIN, { events: [event('fired', `R${i}`, T0 + i * MIN)] }));
    // Count: five saved, the three newest kept.
    expect(s1.history({ limit: 10 }).map((e) => e.alertname)).toEqual(['R4', 'R3', 'R2']);
    // Age: a save 1 day after R2 pushes R2 out; R3 and R4 are within the day.
    await s1.save(cycle(T0 + 2 * MIN + DAY + 1, {}));
    expect(s1.history({ limit: 10 }).map((e) => e.alertname)).toEqual(['R4', 'R3']);
    await s1.close();
    // At open the age counts from the injected clock: two days on, nothing is left.
    const s2 = openFileAlertStateStore({ dir, retention, nowMs: () => T0 + 2 * DAY + 5 * MIN });
    expect(s2.history()).toEqual([]);
    await s2.close();
    // … and the compacted journal holds nothing older either.
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).not.toContain('"R3"');
  });

  it('compacts after compactAfterCycles lines into one snapshot line, losing nothing', async () => {
    const dir = freshDir();
    const s1 = openFileAlertStateStore({ dir, compactAfterCycles: 3, nowMs: () => T0 });
    const path = join(dir, JOURNAL_FILE);
    await s1.save(cycle(T0, { upsert: [alert('A', 'pending', T0)] }));
    await s1.save(cycle(T0 + MIN, { events: [event('fired', 'A', T0 + MIN)], upsert: [alert('A', 'firing', T0 + MIN)] }));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    await s1.save(cycle(T0 + 2 * MIN, { upsert: [alert('B', 'pending', T0 + 2 * MIN)] }));
    const text = readFileSync(path, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(text)).toMatchObject({ v: 1, t: 'snapshot', savedAtMs: T0 + 2 * MIN });
    await s1.save(cycle(T0 + 3 * MIN, { remove: ['B'] }));
    await s1.close();
    const s2 = openFileAlertStateStore({ dir, nowMs: () => T0 + 4 * MIN });
    expect(s2.snapshot().alerts.map((a) => [a.key, a.instance.state])).toEqual([['A', 'firing']]);
    expect(s2.history().map((e) => e.alertname)).toEqual(['A']);
    await s2.close();
  });

  it('filters the history by rule, kind, since/until, newest first, up to limit', async () => {
    const s = openFileAlertStateStore({ dir: freshDir(), nowMs: () => T0 });
    await s.save(
      cycle(T0 + 10 * MIN, {
        events: [
          event('fired', 'A', T0),
          event('fired', 'B', T0 + MIN),
          event('resolved', 'A', T0 + 5 * MIN),
          event('resolved', 'B', T0 + 9 * MIN),
          event('fired', 'A', T0 + 10 * MIN),
        ],
      }),
    );
    const at = (q: Parameters<typeof s.history>[0]) => s.history(q).map((e) => `${e.alertname}:${e.kind}@${(e.atMs - T0) / MIN}`);
    expect(at({})).toEqual(['A:fired@10', 'B:resolved@9', 'A:resolved@5', 'B:fired@1', 'A:fired@0']);
    expect(at({ alertname: 'A' })).toEqual(['A:fired@10', 'A:resolved@5', 'A:fired@0']);
    expect(at({ kind: 'resolved' })).toEqual(['B:resolved@9', 'A:resolved@5']);
    expect(at({ sinceMs: T0 + MIN, untilMs: T0 + 9 * MIN })).toEqual(['A:resolved@5', 'B:fired@1']);
    expect(at({ alertname: 'A', limit: 2 })).toEqual(['A:fired@10', 'A:resolved@5']);
    await s.close();
  });
});
