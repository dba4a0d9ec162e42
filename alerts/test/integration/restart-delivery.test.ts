/**
 * An engine restart between firing and resolution, delivering to a REAL Prometheus
 * Alertmanager (v0.35.0, scripts/engines/alertmanager.ts) that routes to a webhook
 * receiver this test runs. The first engine fires; a second one, built on the same state
 * directory, re-sends the firing alert with its original `startsAt` (Alertmanager keeps
 * one alert and notifies nothing new) and sends the resolution when the drop ends: the
 * receiver gets one firing and one resolved notification. The receiver's notifications
 * and Alertmanager's API are the signals waited on; nothing sleeps.
 *
 * The rows and minutes are those of src/engine/alert-engine-restart.test.ts, placed an
 * hour before the wall clock so Alertmanager sees recent times: game a fires at T0 + 12
 * and resolves at T0 + 27.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RollupRowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { freePort, until } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEngine, createAlertmanagerSink, openFileAlertStateStore, parseRules } from '../../src/index.ts';
import { startAlertmanager, type AlertmanagerHandle } from '../../../scripts/engines/alertmanager.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 60 * MIN;
const WAIT = { timeoutMs: 30_000, everyMs: 50 };

const RULES = `
version: 1
groups:
  - name: g
    interval: 1m
    rules:
      - alert: RestartedEventsDrop
        kpi: events_by_type
        params: { by: [game] }
        window: 10m
        settle: 2m
        value: events
        condition:
          seasonal: { direction: drop, change: 0.5, seasonalDays: [1, 2, 3, 7], trailingWindows: 6, minPoints: 2, minBaseline: 200 }
        for: 3m
        severity: page
        annotations: { summary: 'events in {{ game }} at {{ value }}' }
        console: '/?game={{ game }}'
`;

function configYaml(receiverUrl: string): string {
  return `
route:
  receiver: test
  group_by: [alertname, game]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: test
    webhook_configs:
      - url: ${receiverUrl}
        send_resolved: true
`;
}

describe('alerts/integration/restart-delivery', () => {
  const receiver = new WebhookReceiver();
  const stateDir = mkdtempSync(join(tmpdir(), 'gp-alert-restart-am-'));
  let am: AlertmanagerHandle;
  let store: DuckDbStore;

  beforeAll(async () => {
    await receiver.start();
    am = await startAlertmanager({ configYaml: configYaml(receiver.url), port: await freePort() });
    store = await openDuckDbStore({ path: ':memory:' });
    const rows: RollupRowData[] = [];
    for (let ms = T0 - 8 * DAY; ms < T0 + 60 * MIN; ms += MIN)
      for (const game of ['a', 'b']) {
        const drop = game === 'a' && ms >= T0 && ms < T0 + 20 * MIN;
        const events = drop ? (ms >= T0 + 15 * MIN ? 0 : 20) : 100;
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
    await store.commit({ consumer: 'test', rollups: rows, players: [], positions: [], state: [], deadLetters: [] });
  });

  afterAll(async () => {
    await am?.stop();
    await receiver.stop();
    await store?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const engineLife = () => {
    const parsed = parseRules(RULES, 'rules.yml');
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const stateStore = openFileAlertStateStore({ dir: stateDir });
    const engine = new AlertEngine({ store, rules: parsed.file, stateStore, sinks: [createAlertmanagerSink({ urls: am.url })] });
    return { engine, stateStore };
  };

  it('fires before the restart, is re-sent after it without a new notification, resolves once', async () => {
    const first = engineLife();
    for (let m = 0; m <= 20; m++) expect((await first.engine.evaluate(T0 + m * MIN)).rulesFailed).toBe(0);
    await until(() => receiver.of('RestartedEventsDrop').length >= 1, 'the firing notification', WAIT);
    await first.stateStore.close();

    const second = engineLife();
    expect(second.engine.active().map((a) => [a.labels.game, a.state])).toEqual([['a', 'firing']]);
    let resolvedAt = 0;
    for (let m = 21; m <= 30; m++) if ((await second.engine.evaluate(T0 + m * MIN)).resolved.length) resolvedAt = m;
    expect(resolvedAt).toBe(27);
    await until(() => receiver.of('RestartedEventsDrop').some((n) => n.status === 'resolved'), 'the resolved notification', WAIT);
    await second.stateStore.close();

    // Alertmanager notifies a group's changes in order: a second firing notification from the
    // re-sends after the restart would have come before the resolved one.
    const notes = receiver.of('RestartedEventsDrop');
    expect(notes.map((n) => n.status)).toEqual(['firing', 'resolved']);
    const [fired, resolved] = [notes[0]!.alerts[0]!, notes[1]!.alerts[0]!];
    expect(fired.labels).toEqual({ alertname: 'RestartedEventsDrop', severity: 'page', game: 'a' });
    expect(Date.parse(fired.startsAt)).toBe(T0 + 12 * MIN);
    expect(resolved.labels).toEqual(fired.labels);
    expect(Date.parse(resolved.startsAt)).toBe(T0 + 12 * MIN);
    expect(Date.parse(resolved.endsAt)).toBe(T0 + 27 * MIN);
  });
});
