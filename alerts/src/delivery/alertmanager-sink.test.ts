import { describe, expect, it } from 'vitest';
import type { OutgoingAlert } from './alert-sink.ts';
import { createAlertmanagerSink } from './alertmanager-sink.ts';
import type { FetchLike } from './post-json.ts';

interface Call {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status: number; body?: string } | Error;

/** A fetch that records each request and answers from `answers` by URL (200 when unlisted). */
function recordingFetch(answers: Record<string, Answer> = {}): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers, body: JSON.parse(init.body) });
    const answer = answers[url] ?? { status: 200, body: '' };
    if (answer instanceof Error) throw answer;
    return { status: answer.status, text: async () => answer.body ?? '' };
  };
  return { fetch, calls };
}

const STARTS_MS = Date.UTC(2026, 11, 7, 21, 30, 0, 250);
const firing: OutgoingAlert = {
  labels: { alertname: 'DauDrop', severity: 'page', game: 'g1', team: 'liveops' },
  annotations: { summary: 'DAU 40% below baseline', runbook_url: 'https://runbooks/dau' },
  startsAtMs: STARTS_MS,
  generatorUrl: 'http://console/kpi/dau?game=g1',
};

describe('alerts/delivery/alertmanager-sink', () => {
  it('POSTs postableAlerts to /api/v2/alerts with RFC 3339 times; a firing alert has no endsAt', async () => {
    const { fetch, calls } = recordingFetch();
    const sink = createAlertmanagerSink({ urls: 'http://am:9093/', fetch });
    const resolved: OutgoingAlert = { ...firing, labels: { ...firing.labels, game: 'g2' }, endsAtMs: STARTS_MS + 90_000 };
    const result = await sink.send([firing, resolved]);
    expect(result).toEqual({ ok: true, sent: 2 });
    expect(sink.name).toBe('alertmanager');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://am:9093/api/v2/alerts');
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    expect(calls[0]!.body).toEqual([
      {
        labels: firing.labels,
        annotations: firing.annotations,
        startsAt: '2026-12-07T21:30:00.250Z',
        generatorURL: 'http://console/kpi/dau?game=g1',
      },
      {
        labels: { ...firing.labels, game: 'g2' },
        annotations: firing.annotations,
        startsAt: '2026-12-07T21:30:00.250Z',
        endsAt: '2026-12-07T21:31:30.250Z',
        generatorURL: 'http://console/kpi/dau?game=g1',
      },
    ]);
  });

  it('sends every alert to every Alertmanager of an HA pair; ok when one accepts', async () => {
    const { fetch, calls } = recordingFetch({ 'http://am-b:9093/api/v2/alerts': new TypeError('fetch failed') });
    const sink = createAlertmanagerSink({ urls: ['http://am-a:9093', 'http://am-b:9093'], fetch });
    expect(await sink.send([firing])).toEqual({ ok: true, sent: 1 });
    expect(calls.map((c) => c.url).sort()).toEqual(['http://am-a:9093/api/v2/alerts', 'http://am-b:9093/api/v2/alerts']);
    expect(calls[0]!.body).toEqual(calls[1]!.body);
  });

  it('fails retryable when no Alertmanager accepts and one failure may pass later', async () => {
    const { fetch } = recordingFetch({
      'http://am-a:9093/api/v2/alerts': { status: 400, body: '"bad"' },
      'http://am-b:9093/api/v2/alerts': { status: 503, body: 'unavailable' },
    });
    const result = await createAlertmanagerSink({ urls: ['http://am-a:9093', 'http://am-b:9093'], fetch }).send([firing]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.retryable).toBe(true);
    expect(result.error).toContain('HTTP 400: bad');
    expect(result.error).toContain('HTTP 503: unavailable');
  });

  it("a 4xx is not retryable and quotes Alertmanager's error text", async () => {
    const { fetch } = recordingFetch({
      'http://am:9093/api/v2/alerts': { status: 400, body: '"start time must be before end time"\n' },
    });
    const result = await createAlertmanagerSink({ urls: 'http://am:9093', fetch }).send([firing]);
    expect(result).toEqual({
      ok: false,
      retryable: false,
      error: 'POST http://am:9093/api/v2/alerts: HTTP 400: start time must be before end time',
    });
  });

  it('a schema error answer ({code, message}) is quoted by its message', async () => {
    const { fetch } = recordingFetch({
      'http://am:9093/api/v2/alerts': { status: 422, body: '{"code":602,"message":"labels in body is required"}' },
    });
    const result = await createAlertmanagerSink({ urls: 'http://am:9093', fetch }).send([firing]);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toMatch(/HTTP 422: labels in body is required$/);
  });

  it.each([
    ['a 5xx', { status: 500, body: 'boom' }],
    ['a 429', { status: 429 }],
    ['a refused connection', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })],
    ['a timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
  ] as const)('%s is retryable', async (_what, answer) => {
    const { fetch } = recordingFetch({ 'http://am:9093/api/v2/alerts': answer });
    const result = await createAlertmanagerSink({ urls: 'http://am:9093', fetch, timeoutMs: 1234 }).send([firing]);
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it('names the cause of a network error and the deadline of a timeout', async () => {
    const refused = recordingFetch({
      'http://am:9093/api/v2/alerts': Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    });
    const r1 = await createAlertmanagerSink({ urls: 'http://am:9093', fetch: refused.fetch }).send([firing]);
    expect(!r1.ok && r1.error).toBe('POST http://am:9093/api/v2/alerts: fetch failed (ECONNREFUSED)');
    const slow = recordingFetch({ 'http://am:9093/api/v2/alerts': new DOMException('aborted', 'TimeoutError') });
    const r2 = await createAlertmanagerSink({ urls: 'http://am:9093', fetch: slow.fetch, timeoutMs: 1234 }).send([firing]);
    expect(!r2.ok && r2.error).toBe('POST http://am:9093/api/v2/alerts: no answer within 1234 ms');
  });

  it('reports alerts Alertmanager would refuse and sends only the others', async () => {
    const { fetch, calls } = recordingFetch();
    const badName: OutgoingAlert = { ...firing, labels: { ...firing.labels, '1st-build': 'x' } };
    const emptyValue: OutgoingAlert = { ...firing, labels: { ...firing.labels, platform: '' } };
    const noLabels: OutgoingAlert = { ...firing, labels: {} };
    const badAnnotation: OutgoingAlert = { ...firing, annotations: { 'runbook-url': 'x' } };
    const endsBeforeStart: OutgoingAlert = { ...firing, endsAtMs: STARTS_MS - 1 };
    const loneSurrogate: OutgoingAlert = { ...firing, labels: { ...firing.labels, game: 'g\uD800' } };
    const result = await createAlertmanagerSink({ urls: 'http://am:9093', fetch }).send([
      badName,
      firing,
      emptyValue,
      noLabels,
      badAnnotation,
      endsBeforeStart,
      loneSurrogate,
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sent).toBe(1);
    expect(result.rejected?.map((r) => r.reason)).toEqual([
      'label name "1st-build" does not match ^[a-zA-Z_][a-zA-Z0-9_]*$',
      'label platform has an empty value',
      'no labels (at least one is required)',
      'annotation name "runbook-url" does not match ^[a-zA-Z_][a-zA-Z0-9_]*$',
      'endsAtMs is before startsAtMs',
      'label game has a value that is not valid UTF-8',
    ]);
    expect(result.rejected?.[0]?.alert).toBe(badName);
    expect(calls).toHaveLength(1);
    expect((calls[0]!.body as unknown[]).length).toBe(1);
  });

  it('sends nothing when every alert is invalid, and nothing for an empty cycle', async () => {
    const { fetch, calls } = recordingFetch();
    const sink = createAlertmanagerSink({ urls: 'http://am:9093', fetch });
    const r = await sink.send([{ ...firing, labels: { 'a-b': 'c' } }]);
    expect(r).toMatchObject({ ok: true, sent: 0 });
    expect(r.rejected).toHaveLength(1);
    expect(await sink.send([])).toEqual({ ok: true, sent: 0 });
    expect(calls).toHaveLength(0);
  });

  it('sends basic auth, a bearer token or extra headers', async () => {
    const a = recordingFetch();
    await createAlertmanagerSink({ urls: 'http://am:9093', fetch: a.fetch, basicAuth: { username: 'gp', password: 's3cret' } }).send([
      firing,
    ]);
    expect(a.calls[0]!.headers.authorization).toBe(`Basic ${Buffer.from('gp:s3cret').toString('base64')}`);
    const b = recordingFetch();
    await createAlertmanagerSink({ urls: 'http://am:9093', fetch: b.fetch, bearerToken: 'tok', headers: { 'x-scope-orgid': 't1' } }).send([
      firing,
    ]);
    expect(b.calls[0]!.headers).toMatchObject({ authorization: 'Bearer tok', 'x-scope-orgid': 't1' });
  });

  it('refuses options that cannot work', () => {
    expect(() => createAlertmanagerSink({ urls: [] })).toThrow(/no Alertmanager/);
    expect(() => createAlertmanagerSink({ urls: 'http://am', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createAlertmanagerSink({ urls: 'http://am', bearerToken: 't', basicAuth: { username: 'u', password: 'p' } })).toThrow(
      /exclude/,
    );
  });
});
