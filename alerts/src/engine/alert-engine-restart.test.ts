/**
 * The engine across restarts, on a real DuckDB store and the file state store: each
 * "restart" closes the engine's state store and builds a new engine on a store reopened
 * from the same directory; time is the `nowMs` each cycle is evaluated at. The data and
 * the minutes are those of alert-engine.test.ts ("a seasonal drop"): without a restart
 * game a pends at T0 + 9, fires at T0 + 12 and resolves at T0 + 27.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturingSink, MIN, eventsDropRules, seasonalDropRows, storeWith } from '../../test/support/events-drop.ts';
import { AlertEngine, type AlertEngineOptions } from './alert-engine.ts';
import type { AlertStateStore } from './alert-state-store.ts';
import { openFileAlertStateStore } from './file-alert-state-store.ts';

const T0 = Date.UTC(2026, 10, 20, 14, 0);
const rulesFile = (alertname?: string) => eventsDropRules(alertname ? { alertname } : {});

let store: DuckDbStore;
const root = mkdtempSync(join(tmpdir(), 'gp-alert-restart-'));
let dirs = 0;

beforeAll(async () => {
  store = await storeWith(seasonalDropRows(T0));
});

afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

/** An engine whose state lives in `dir`, as a process would build it at start. */
function engineIn(dir: string, o: Partial<AlertEngineOptions> = {}): { engine: AlertEngine; state: AlertStateStore } {
  const state = openFileAlertStateStore({ dir, nowMs: () => T0 });
  return { engine: new AlertEngine({ store, rules: rulesFile(), consoleUrl: 'http://console.test', stateStore: state, ...o }), state };
}

async function run(engine: AlertEngine, fromMin: number, toMin: number): Promise<void> {
  for (let m = fromMin; m <= toMin; m++) expect((await engine.evaluate(T0 + m * MIN)).rulesFailed).toBe(0);
}

const stateOfA = (engine: AlertEngine) => engine.active().find((a) => a.labels.game === 'a');

describe('alert engine: restarts with a file state store', () => {
  it('a restart in the middle of `for:` continues the wait: fires at T0 + 12 as without a restart', async () => {
    const dir = join(root, `d${dirs++}`);
    const first = engineIn(dir);
    await run(first.engine, 0, 10);
    expect(stateOfA(first.engine)).toMatchObject({ state: 'pending', activeAtMs: T0 + 9 * MIN });
    await first.state.close();

    const second = engineIn(dir);
    // Before its first cycle, the restarted engine already shows the pending alert.
    expect(stateOfA(second.engine)).toMatchObject({ state: 'pending', activeAtMs: T0 + 9 * MIN });
    await run(second.engine, 11, 11);
    expect(stateOfA(second.engine)?.state).toBe('pending');
    const report = await second.engine.evaluate(T0 + 12 * MIN);
    expect(report.fired.map((e) => [e.alertname, e.labels.game])).toEqual([['EventsDrop', 'a']]);
    expect(stateOfA(second.engine)).toMatchObject({ state: 'firing', activeAtMs: T0 + 9 * MIN, firedAtMs: T0 + 12 * MIN });
    await second.state.close();
  });

  it('a pending alert restored after a gap longer than the outage tolerance waits its `for:` again', async () => {
    // Down from T0 + 9 to T0 + 11. A 1-minute tolerance: the breach at 11 starts a new wait
    // (fires at 14); the default hour: the wait from T0 + 9 goes on (fires at 12).
    const firedAfterRestart = async (forOutageToleranceMs?: number) => {
      const dir = join(root, `d${dirs++}`);
      const first = engineIn(dir);
      await run(first.engine, 0, 9);
      await first.state.close();
      const second = engineIn(dir, forOutageToleranceMs === undefined ? {} : { forOutageToleranceMs });
      const fired: number[] = [];
      for (let m = 11; m <= 16; m++) if ((await second.engine.evaluate(T0 + m * MIN)).fired.length) fired.push(m);
      const a = stateOfA(second.engine);
      await second.state.close();
      return { fired, activeAtMs: a?.activeAtMs };
    };
    expect(await firedAfterRestart(MIN)).toEqual({ fired: [14], activeAtMs: T0 + 11 * MIN });
    expect(await firedAfterRestart()).toEqual({ fired: [12], activeAtMs: T0 + 9 * MIN });
  });

  it('a restart while firing: re-sent with its startsAt, then exactly one resolution when the drop ends', async () => {
    const dir = join(root, `d${dirs++}`);
    const sink1 = new CapturingSink();
    const first = engineIn(dir, { sinks: [sink1] });
    await run(first.engine, 0, 20);
    expect(sink1.firing.length).toBe(20 - 12 + 1);
    expect(sink1.resolved).toEqual([]);
    await first.state.close();

    const sink2 = new CapturingSink();
    const second = engineIn(dir, { sinks: [sink2] });
    await run(second.engine, 21, 40);
    // Firing from T0 + 21 to T0 + 26, each re-send starting at the first firing; resolved once at T0 + 27.
    expect(sink2.firing.map((a) => a.startsAtMs)).toEqual(Array(27 - 21).fill(T0 + 12 * MIN));
    expect(sink2.resolved).toEqual([
      expect.objectContaining({
        labels: { alertname: 'EventsDrop', severity: 'page', team: 'liveops', game: 'a' },
        startsAtMs: T0 + 12 * MIN,
        endsAtMs: T0 + 27 * MIN,
      }),
    ]);
    // The history holds both lives of the engine: fired before the restart, resolved after.
    expect(second.engine.history().map((e) => [e.kind, e.atMs])).toEqual([
      ['resolved', T0 + 27 * MIN],
      ['fired', T0 + 12 * MIN],
    ]);
    await second.state.close();
    // A third life finds nothing to do: no alert, nothing to send.
    const sink3 = new CapturingSink();
    const third = engineIn(dir, { sinks: [sink3] });
    expect(third.engine.active()).toEqual([]);
    await run(third.engine, 41, 42);
    expect(sink3.batches).toEqual([]);
    await third.state.close();
  });

  it('a resolution no target accepted before the restart is sent after it, once', async () => {
    const dir = join(root, `d${dirs++}`);
    const sink1 = new CapturingSink();
    const first = engineIn(dir, { sinks: [sink1] });
    await run(first.engine, 0, 26);
    sink1.fail = true;
    await run(first.engine, 27, 28);
    expect(first.engine.active()).toEqual([]);
    await first.state.close();

    const sink2 = new CapturingSink();
    const second = engineIn(dir, { sinks: [sink2] });
    await run(second.engine, 29, 31);
    expect(sink2.resolved.map((a) => [a.startsAtMs, a.endsAtMs])).toEqual([[T0 + 12 * MIN, T0 + 27 * MIN]]);
    expect(sink2.firing).toEqual([]);
    await second.state.close();
  });

  it('a firing alert whose rule left the file resolves at the first cycle, with its last text', async () => {
    const dir = join(root, `d${dirs++}`);
    const first = engineIn(dir);
    await run(first.engine, 0, 14);
    await first.state.close();

    const sink = new CapturingSink();
    const second = engineIn(dir, { sinks: [sink], rules: rulesFile('EventsDropRenamed') });
    const report = await second.engine.evaluate(T0 + 15 * MIN);
    expect(report.resolved.map((e) => e.alertname)).toEqual(['EventsDrop']);
    expect(sink.resolved).toEqual([
      expect.objectContaining({
        labels: { alertname: 'EventsDrop', severity: 'page', team: 'liveops', game: 'a' },
        startsAtMs: T0 + 12 * MIN,
        endsAtMs: T0 + 15 * MIN,
        generatorUrl: 'http://console.test/?game=a',
      }),
    ]);
    await second.state.close();
  });
});
