/**
 * Delivery against a REAL Prometheus Alertmanager (v0.35.0, built from the Go module
 * proxy by scripts/engines/go-tools.ts): what it holds (`GET /api/v2/alerts`) and what
 * it routes to a webhook receiver this test runs. The receiver's notifications and
 * Alertmanager's API are the signals waited on; nothing sleeps.
 *
 * Alertmanager's own webhook messages are also the reference for the webhook sink: its
 * message for the same alerts must have the same fields, group key and fingerprints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, until } from '@gamepulse/testkit';
import { createAlertmanagerSink, createWebhookSink, labelsFingerprint, type OutgoingAlert, type WebhookMessage } from '../../src/index.ts';
import { startAlertmanager, type AlertmanagerHandle } from '../../../scripts/engines/alertmanager.ts';
import { WebhookReceiver, routeAllTo } from './webhook-receiver.ts';

/** Alertmanager's `gettableAlert`, the fields this test reads. */
interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string;
  generatorURL: string;
  status: { state: string };
}

function alert(alertname: string, labels: Record<string, string> = {}, extra: Partial<OutgoingAlert> = {}): OutgoingAlert {
  return {
    labels: { alertname, severity: 'page', team: 'liveops', game: 'g1', ...labels },
    annotations: { summary: `${alertname} in g1`, runbook_url: 'https://runbooks.example/gamepulse' },
    startsAtMs: Date.now() - 60_000,
    generatorUrl: 'http://127.0.0.1:8090/?kpi=dau&game=g1',
    ...extra,
  };
}

async function activeAlerts(am: AlertmanagerHandle, alertname: string): Promise<GettableAlert[]> {
  const res = await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as GettableAlert[];
}

/** `alertmanager_nflog_queries_total` from Alertmanager's /metrics. */
async function nflogQueries(am: AlertmanagerHandle): Promise<number> {
  const text = await (await fetch(`${am.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('alertmanager_nflog_queries_total '));
  if (!line) throw new Error('alertmanager_nflog_queries_total not in /metrics');
  return Number(line.split(' ')[1]);
}

const WAIT = { timeoutMs: 30_000, everyMs: 50 };

describe('alerts/integration/alertmanager-delivery', () => {
  const receiver = new WebhookReceiver();
  let am: AlertmanagerHandle;

  beforeAll(async () => {
    await receiver.start();
    am = await startAlertmanager({ configYaml: routeAllTo(receiver.url), port: await freePort() });
  });

  afterAll(async () => {
    await am?.stop();
    await receiver.stop();
  });

  it('a firing alert re-sent every cycle is held once and notified once; its resolution is notified', async () => {
    const sink = createAlertmanagerSink({ urls: am.url });
    const firing = alert('GpDauDrop');
    expect(await sink.send([firing])).toEqual({ ok: true, sent: 1 });

    const held = await until(
      async () => {
        const list = await activeAlerts(am, 'GpDauDrop');
        return list.length > 0 && list;
      },
      'GpDauDrop in GET /api/v2/alerts',
      WAIT,
    );
    expect(held).toHaveLength(1);
    expect(held[0]!.labels).toEqual(firing.labels);
    expect(held[0]!.annotations).toEqual(firing.annotations);
    expect(held[0]!.generatorURL).toBe(firing.generatorUrl);
    expect(Date.parse(held[0]!.startsAt)).toBe(firing.startsAtMs);
    expect(held[0]!.status.state).toBe('active');
    // Our fingerprint is Alertmanager's: the webhook sink's messages carry the same one.
    expect(held[0]!.fingerprint).toBe(labelsFingerprint(firing.labels));

    await until(() => receiver.of('GpDauDrop').length >= 1, 'the firing notification', WAIT);
    // The engine re-sends a firing alert each cycle.
    expect(await sink.send([firing])).toEqual({ ok: true, sent: 1 });
    expect(await sink.send([firing])).toEqual({ ok: true, sent: 1 });
    expect(await activeAlerts(am, 'GpDauDrop')).toHaveLength(1);
    // Each flush of a group asks the notification log what was sent (notify/dedup_stage.go):
    // two more queries mean at least one whole flush saw the re-sent alert. No second
    // notification may have come of it.
    const queriesBefore = await nflogQueries(am);
    await until(async () => (await nflogQueries(am)) >= queriesBefore + 2, 'two flushes of the group after the re-sends', WAIT);
    expect(receiver.of('GpDauDrop')).toHaveLength(1);

    expect(await sink.send([{ ...firing, endsAtMs: Date.now() }])).toEqual({ ok: true, sent: 1 });
    await until(() => receiver.of('GpDauDrop').some((m) => m.status === 'resolved'), 'the resolved notification', WAIT);
    const notes = receiver.of('GpDauDrop');
    expect(notes.map((m) => m.status)).toEqual(['firing', 'resolved']);
    expect(notes[0]!.alerts).toHaveLength(1);
    expect(notes[0]!.alerts[0]!.labels).toEqual(firing.labels);
    expect(notes[1]!.alerts[0]!.status).toBe('resolved');
    await until(async () => (await activeAlerts(am, 'GpDauDrop')).length === 0, 'GpDauDrop gone from the active alerts', WAIT);
  });

  it('two alerts differing only in a non-grouping label land in one group notification', async () => {
    const sink = createAlertmanagerSink({ urls: am.url });
    // Started now: Alertmanager holds a new group for group_wait (1 s) only when its first
    // alert is younger than that; an older one is flushed at once, alone
    // (dispatch/dispatch.go, "old enough for immediate flush").
    const startsAtMs = Date.now();
    const ios = alert('GpRevenueCollapse', { platform: 'ios' }, { startsAtMs });
    const android = alert('GpRevenueCollapse', { platform: 'android' }, { startsAtMs });
    expect(await sink.send([ios, android])).toEqual({ ok: true, sent: 2 });
    const [note] = await until(
      () => receiver.of('GpRevenueCollapse').length > 0 && receiver.of('GpRevenueCollapse'),
      'a notification',
      WAIT,
    );
    expect(note!.groupLabels).toEqual({ alertname: 'GpRevenueCollapse', game: 'g1' });
    expect(note!.alerts.map((a) => a.labels.platform).sort()).toEqual(['android', 'ios']);
    expect(note!.commonLabels).toEqual({ alertname: 'GpRevenueCollapse', severity: 'page', team: 'liveops', game: 'g1' });
    expect(receiver.of('GpRevenueCollapse')).toHaveLength(1);
  });

  it("the webhook sink's message has the shape of Alertmanager's own for the same alerts", async () => {
    const startsAtMs = Date.now();
    const alerts = [
      alert('GpEconomyImbalance', { currency: 'gold' }, { startsAtMs }),
      alert('GpEconomyImbalance', { currency: 'gems' }, { startsAtMs }),
    ];
    expect(await createAlertmanagerSink({ urls: am.url }).send(alerts)).toMatchObject({ ok: true });
    const [fromAm] = await until(
      () => receiver.of('GpEconomyImbalance').length > 0 && receiver.of('GpEconomyImbalance'),
      "Alertmanager's notification",
      WAIT,
    );

    const webhook = createWebhookSink({ url: receiver.url, receiver: 'test', externalUrl: fromAm!.externalURL });
    expect(await webhook.send(alerts)).toEqual({ ok: true, sent: 2 });
    expect(receiver.of('GpEconomyImbalance')).toHaveLength(2);
    const ours = receiver.of('GpEconomyImbalance')[1]!;

    expect(Object.keys(ours).sort()).toEqual(Object.keys(fromAm!).sort());
    expect(ours.version).toBe(fromAm!.version);
    expect(ours.status).toBe(fromAm!.status);
    expect(ours.notification_reason).toBe(fromAm!.notification_reason);
    expect(ours.routeLabels).toEqual(fromAm!.routeLabels);
    expect(ours.groupKey).toBe(fromAm!.groupKey);
    expect(ours.groupLabels).toEqual(fromAm!.groupLabels);
    expect(ours.commonLabels).toEqual(fromAm!.commonLabels);
    expect(ours.commonAnnotations).toEqual(fromAm!.commonAnnotations);
    const byFingerprint = (m: WebhookMessage) => [...m.alerts].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    const amAlerts = byFingerprint(fromAm!);
    const ourAlerts = byFingerprint(ours);
    expect(ourAlerts.map((a) => a.fingerprint)).toEqual(amAlerts.map((a) => a.fingerprint));
    for (const [i, a] of ourAlerts.entries()) {
      const reference = amAlerts[i]!;
      expect(Object.keys(a).sort()).toEqual(Object.keys(reference).sort());
      expect(a.status).toBe(reference.status);
      expect(a.labels).toEqual(reference.labels);
      expect(a.annotations).toEqual(reference.annotations);
      expect(a.generatorURL).toBe(reference.generatorURL);
      expect(Date.parse(a.startsAt)).toBe(Date.parse(reference.startsAt));
      // A firing alert's endsAt: Go's zero time in both.
      expect(a.endsAt).toBe(reference.endsAt);
    }
  });

  it('an Alertmanager that is down gives a retryable result, not a throw; its HA peer still takes the alert', async () => {
    const other = await startAlertmanager({ configYaml: routeAllTo(receiver.url), port: await freePort() });
    const downUrl = other.url;
    await other.stop();

    const down = await createAlertmanagerSink({ urls: downUrl, timeoutMs: 30_000 }).send([alert('GpHa')]);
    expect(down.ok).toBe(false);
    expect(!down.ok && down.retryable).toBe(true);
    expect(!down.ok && down.error).toContain(`${downUrl}/api/v2/alerts`);

    const pair = createAlertmanagerSink({ urls: [downUrl, am.url] });
    expect(await pair.send([alert('GpHa')])).toEqual({ ok: true, sent: 1 });
    await until(async () => (await activeAlerts(am, 'GpHa')).length === 1, 'GpHa held by the live peer', WAIT);
  });

  it("Alertmanager's own refusal is a non-retryable result quoting its text", async () => {
    // Passes the sink's checks (which mirror Alertmanager's) only by bypassing them: the
    // body is posted directly, to pin the answer the sink quotes.
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'GpBad' }, startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T09:00:00Z' }]),
    });
    expect(res.status).toBe(400);
    const sink = createAlertmanagerSink({
      urls: am.url,
      fetch: (url, init) => fetch(url, { ...init, body: init.body.replace(/"startsAt":"[^"]*"/, '"startsAt":"2999-01-01T00:00:00Z"') }),
    });
    const result = await sink.send([alert('GpBad', {}, { endsAtMs: Date.now() })]);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toMatch(/HTTP 400: .*start time must be before end time/);
  });
});
