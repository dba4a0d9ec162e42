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
import type { DuckDbStore } from '@gamepulse/store';
import { freePort, until } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEngine, createAlertmanagerSink, openFileAlertStateStore } from '../../src/index.ts';
import { startAlertmanager, type AlertmanagerHandle } from '../../../scripts/engines/alertmanager.ts';
import { WebhookReceiver, routeAllTo } from './webhook-receiver.ts';
import { MIN, eventsDropRules, seasonalDropRows, storeWith } from '../support/events-drop.ts';

const T0 = Math.floor(Date.now() / MIN) * MIN - 60 * MIN;
const WAIT = { timeoutMs: 30_000, everyMs: 50 };

describe('alerts/integration/restart-delivery', () => {
  const receiver = new WebhookReceiver();
  const stateDir = mkdtempSync(join(tmpdir(), 'gp-alert-restart-am-'));
  let am: AlertmanagerHandle;
  let store: DuckDbStore;

  beforeAll(async () => {
    await receiver.start();
    am = await startAlertmanager({ configYaml: routeAllTo(receiver.url), port: await freePort() });
    store = await storeWith(seasonalDropRows(T0));
  });

  afterAll(async () => {
    await am?.stop();
    await receiver.stop();
    await store?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const engineLife = () => {
    const stateStore = openFileAlertStateStore({ dir: stateDir });
    const engine = new AlertEngine({
      store,
      rules: eventsDropRules({ alertname: 'RestartedEventsDrop' }),
      stateStore,
      sinks: [createAlertmanagerSink({ urls: am.url })],
    });
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
    expect(fired.labels).toEqual({ alertname: 'RestartedEventsDrop', severity: 'page', team: 'liveops', game: 'a' });
    expect(Date.parse(fired.startsAt)).toBe(T0 + 12 * MIN);
    expect(resolved.labels).toEqual(fired.labels);
    expect(Date.parse(resolved.startsAt)).toBe(T0 + 12 * MIN);
    expect(Date.parse(resolved.endsAt)).toBe(T0 + 27 * MIN);
  });
});
