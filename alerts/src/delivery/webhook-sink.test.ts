import { describe, expect, it } from 'vitest';
import type { OutgoingAlert } from './alert-sink.ts';
import type { FetchLike } from './post-json.ts';
import { createWebhookSink, type WebhookMessage } from './webhook-sink.ts';

const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);

function rig(answer: () => { status: number; body?: string } | Error = () => ({ status: 200 })) {
  const messages: WebhookMessage[] = [];
  const headers: Record<string, string>[] = [];
  let nowMs = T0;
  const fetch: FetchLike = async (_url, init) => {
    const a = answer();
    if (a instanceof Error) throw a;
    if (a.status < 300) {
      messages.push(JSON.parse(init.body) as WebhookMessage);
      headers.push(init.headers);
    }
    return { status: a.status, text: async () => a.body ?? '' };
  };
  const sink = createWebhookSink({
    url: 'http://hooks/gamepulse',
    headers: { authorization: 'Bearer t' },
    timeoutMs: 5_000,
    externalUrl: 'http://console',
    repeatIntervalMs: 3_600_000,
    fetch,
    now: () => nowMs,
  });
  return { sink, messages, headers, advance: (ms: number) => (nowMs += ms) };
}

function alert(game: string, platform: string, extra: Partial<OutgoingAlert> = {}): OutgoingAlert {
  return {
    labels: { alertname: 'DauDrop', severity: 'page', team: 'liveops', game, platform },
    annotations: { summary: `DAU down in ${game}`, runbook_url: 'https://runbooks/dau' },
    startsAtMs: T0 - 60_000,
    generatorUrl: `http://console/kpi/dau?game=${game}`,
    ...extra,
  };
}

describe('alerts/delivery/webhook-sink', () => {
  it("posts Alertmanager's webhook message (version 4), one per group", async () => {
    const { sink, messages, headers } = rig();
    const result = await sink.send([alert('g1', 'ios'), alert('g1', 'android'), alert('g2', 'ios')]);
    expect(result).toEqual({ ok: true, sent: 3 });
    expect(sink.name).toBe('webhook');
    expect(headers[0]).toMatchObject({ authorization: 'Bearer t', 'content-type': 'application/json' });
    expect(messages).toHaveLength(2);
    const g1 = messages.find((m) => m.groupLabels.game === 'g1')!;
    expect(Object.keys(g1)).toEqual([
      'receiver',
      'status',
      'alerts',
      'notification_reason',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'routeLabels',
      'externalURL',
      'version',
      'groupKey',
      'truncatedAlerts',
    ]);
    expect(g1).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'gamepulse',
      notification_reason: 'first notification',
      routeLabels: {},
      groupKey: '{}:{alertname="DauDrop", game="g1"}',
      groupLabels: { alertname: 'DauDrop', game: 'g1' },
      commonLabels: { alertname: 'DauDrop', severity: 'page', team: 'liveops', game: 'g1' },
      commonAnnotations: { summary: 'DAU down in g1', runbook_url: 'https://runbooks/dau' },
      externalURL: 'http://console',
      truncatedAlerts: 0,
    });
    expect(g1.alerts).toHaveLength(2);
    expect(g1.alerts[0]).toEqual({
      status: 'firing',
      labels: { alertname: 'DauDrop', severity: 'page', team: 'liveops', game: 'g1', platform: 'ios' },
      annotations: { summary: 'DAU down in g1', runbook_url: 'https://runbooks/dau' },
      startsAt: '2026-12-07T19:59:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://console/kpi/dau?game=g1',
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
    });
    expect(g1.alerts[0]!.fingerprint).not.toBe(g1.alerts[1]!.fingerprint);
  });

  it('notifies a group once while its firing alerts are re-sent each cycle, again after the repeat interval', async () => {
    const { sink, messages, advance } = rig();
    await sink.send([alert('g1', 'ios')]);
    advance(60_000);
    expect(await sink.send([alert('g1', 'ios')])).toEqual({ ok: true, sent: 0 });
    advance(60_000);
    await sink.send([alert('g1', 'ios')]);
    expect(messages).toHaveLength(1);
    advance(3_600_000);
    await sink.send([alert('g1', 'ios')]);
    expect(messages.map((m) => m.notification_reason)).toEqual(['first notification', 'repeat interval elapsed']);
  });

  it('notifies the group again when an alert joins it, listing every alert of the group', async () => {
    const { sink, messages, advance } = rig();
    await sink.send([alert('g1', 'ios')]);
    advance(60_000);
    await sink.send([alert('g1', 'ios'), alert('g1', 'android')]);
    expect(messages).toHaveLength(2);
    expect(messages[1]!.alerts.map((a) => a.labels.platform)).toEqual(['ios', 'android']);
    expect(messages[1]!.notification_reason).toBe('new alerts added');
  });

  it('a resolved alert carries endsAt and status resolved; the group is notified', async () => {
    const { sink, messages, advance } = rig();
    await sink.send([alert('g1', 'ios')]);
    advance(120_000);
    const resolved = alert('g1', 'ios', { endsAtMs: T0 + 90_000 });
    expect(await sink.send([resolved])).toEqual({ ok: true, sent: 1 });
    expect(messages).toHaveLength(2);
    expect(messages[1]!.status).toBe('resolved');
    expect(messages[1]!.notification_reason).toBe('all alerts resolved');
    expect(messages[1]!.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-12-07T20:01:30.000Z' });
    expect(messages[1]!.alerts[0]!.fingerprint).toBe(messages[0]!.alerts[0]!.fingerprint);
    // A new firing after resolution is news again.
    advance(60_000);
    await sink.send([alert('g1', 'ios', { startsAtMs: T0 + 240_000 })]);
    expect(messages).toHaveLength(3);
    expect(messages[2]!.status).toBe('firing');
    expect(messages[2]!.notification_reason).toBe('first notification');
  });

  it('a group with one firing and one resolved alert is firing', async () => {
    const { sink, messages } = rig();
    await sink.send([alert('g1', 'ios'), alert('g1', 'android', { endsAtMs: T0 })]);
    expect(messages[0]!.status).toBe('firing');
    expect(messages[0]!.alerts.map((a) => a.status)).toEqual(['firing', 'resolved']);
    expect(messages[0]!.commonLabels.platform).toBeUndefined();
  });

  it('a group where one alert resolves and another keeps firing is notified with both', async () => {
    const { sink, messages, advance } = rig();
    await sink.send([alert('g1', 'ios'), alert('g1', 'android')]);
    advance(60_000);
    await sink.send([alert('g1', 'ios'), alert('g1', 'android', { endsAtMs: T0 + 30_000 })]);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ status: 'firing', notification_reason: 'some alerts resolved' });
    expect(messages[1]!.alerts.map((a) => a.status)).toEqual(['firing', 'resolved']);
    // The firing one alone, re-sent next cycle, is no news.
    advance(60_000);
    expect(await sink.send([alert('g1', 'ios')])).toEqual({ ok: true, sent: 0 });
  });

  it('a failed post is retryable and re-sent next cycle; a 4xx is not retryable', async () => {
    let answer: { status: number; body?: string } | Error = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    const { sink, messages } = rig(() => answer);
    const down = await sink.send([alert('g1', 'ios')]);
    expect(down).toEqual({
      ok: false,
      retryable: true,
      error: '1 of 1 group messages failed: POST http://hooks/gamepulse: fetch failed (ECONNREFUSED)',
    });
    answer = { status: 200 };
    expect(await sink.send([alert('g1', 'ios')])).toEqual({ ok: true, sent: 1 });
    expect(messages).toHaveLength(1);
    answer = { status: 401, body: 'unauthorized' };
    const refused = await sink.send([alert('g2', 'ios')]);
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(!refused.ok && refused.error).toContain('HTTP 401: unauthorized');
  });

  it('forgets a group that stops being sent, so its next alert is a first notification', async () => {
    const { sink, messages, advance } = rig();
    await sink.send([alert('g1', 'ios'), alert('g2', 'ios')]);
    advance(60_000);
    // g1's alert vanished without a resolution (say the rule was deleted).
    await sink.send([alert('g2', 'ios')]);
    advance(60_000);
    await sink.send([alert('g1', 'ios'), alert('g2', 'ios')]);
    expect(messages.map((m) => [m.groupLabels.game, m.notification_reason])).toEqual([
      ['g1', 'first notification'],
      ['g2', 'first notification'],
      ['g1', 'first notification'],
    ]);
  });

  it('refuses a timeout that cannot work', () => {
    expect(() => createWebhookSink({ url: 'http://x', timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/timeoutMs/);
  });

  it('reports invalid alerts and leaves them out', async () => {
    const { sink, messages } = rig();
    const bad = alert('g1', 'ios', { labels: { alertname: 'X', 'bad-name': 'v' } });
    const result = await sink.send([bad, alert('g1', 'ios')]);
    expect(result).toMatchObject({ ok: true, sent: 1 });
    expect(result.rejected).toEqual([{ alert: bad, reason: 'label name "bad-name" does not match ^[a-zA-Z_][a-zA-Z0-9_]*$' }]);
    expect(messages[0]!.alerts).toHaveLength(1);
  });
});
