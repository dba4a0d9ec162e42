import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DruidWaitError,
  waitForDruid,
  waitForSegmentsLoaded,
  waitForSupervisorsCaughtUp,
  waitForTask,
  type Probe,
} from '../ingestion/druid-signals.ts';

/** A probe answering the given states in turn (the last one repeats). */
function scripted<T>(answers: Array<Probe<T> | Error>): () => Promise<Probe<T>> {
  let i = 0;
  return async () => {
    const a = answers[Math.min(i++, answers.length - 1)]!;
    if (a instanceof Error) throw a;
    return a;
  };
}

/** Stubs fetch: each URL containing a key answers that key's JSON bodies in turn. */
function stubFetch(routes: Record<string, unknown[]>): void {
  const seen = new Map<string, number>();
  vi.stubGlobal('fetch', async (url: string) => {
    const key = Object.keys(routes).find((k) => url.includes(k));
    if (!key) return new Response('not found', { status: 404 });
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const bodies = routes[key]!;
    return new Response(JSON.stringify(bodies[Math.min(n, bodies.length - 1)]), { status: 200 });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('druid/ingestion/druid-signals: waitForDruid', () => {
  it('polls until done, retrying failed probes, and logs each new outstanding state once', async () => {
    const lines: string[] = [];
    const value = await waitForDruid(
      'thing',
      scripted<number>([
        { done: false, outstanding: 'a' },
        { done: false, outstanding: 'a' },
        new Error('HTTP 503'),
        { done: false, outstanding: 'b' },
        { done: true, value: 42 },
      ]),
      { pollMs: 1, log: (l) => lines.push(l) },
    );
    expect(value).toBe(42);
    expect(lines.map((l) => l.replace(/ \(\+[\d.]+ s\)$/, '').replace(/after [\d.]+ s/, 'after T'))).toEqual([
      '[druid-wait] thing: a',
      '[druid-wait] thing: probe failed: HTTP 503',
      '[druid-wait] thing: b',
      '[druid-wait] thing: done after T',
    ]);
  });

  it('at its bound, throws an error naming what was still outstanding', async () => {
    const err = await waitForDruid('the broker to forget x', scripted([{ done: false, outstanding: 'still published: x' }]), {
      timeoutMs: 0,
      pollMs: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DruidWaitError);
    expect((err as DruidWaitError).outstanding).toBe('still published: x');
    expect((err as Error).message).toMatch(/^the broker to forget x: still outstanding after \d+ s: still published: x$/);
  });
});

describe('druid/ingestion/druid-signals: the signals', () => {
  it('waitForTask follows the task status and throws at once on FAILED, with Druid’s message', async () => {
    stubFetch({
      '/status': [
        { status: { id: 't', status: 'RUNNING', runnerStatusCode: 'PENDING' } },
        { status: { id: 't', status: 'FAILED', errorMsg: 'out of disk' } },
      ],
    });
    await expect(waitForTask('http://o', 't', { pollMs: 1 })).rejects.toThrow(/task t failed: out of disk/);
    stubFetch({ '/status': [{ status: { id: 't', status: 'RUNNING' } }, { status: { id: 't', status: 'SUCCESS' } }] });
    await expect(waitForTask('http://o', 't', { pollMs: 1 })).resolves.toMatchObject({ status: 'SUCCESS' });
  });

  it('waitForSegmentsLoaded waits for 0 left to load for every datasource, an unknown one included', async () => {
    const lines: string[] = [];
    stubFetch({ 'loadstatus?simple': [{ a: 0 }, { a: 0, b: 2 }, { a: 0, b: 0 }] });
    await waitForSegmentsLoaded('http://c', ['a', 'b'], { pollMs: 1, log: (l) => lines.push(l) });
    expect(lines[0]).toContain('left to load: b: unknown to the coordinator');
    expect(lines[1]).toContain('left to load: b: 2');
  });

  it('waitForSupervisorsCaughtUp needs offsets refreshed after sinceMs, and lag 0 (1 per partition when transactional)', async () => {
    const since = Date.parse('2026-01-01T00:00:10Z');
    const status = (lag: Record<string, number>, at: string) => ({
      payload: { minimumLag: lag, offsetsLastUpdated: at, state: 'RUNNING' },
    });
    const answers = [
      status({ 0: 0, 1: 0 }, '2026-01-01T00:00:05Z'), // caught up, but measured before the last commit
      status({ 0: 7, 1: 1 }, '2026-01-01T00:00:20Z'),
      status({ 0: 1, 1: 1 }, '2026-01-01T00:00:30Z'),
    ];
    stubFetch({ '/supervisor/s/status': answers });
    const lines: string[] = [];
    const lags = await waitForSupervisorsCaughtUp('http://o', ['s'], since, { transactional: true, pollMs: 1, log: (l) => lines.push(l) });
    expect(lags).toEqual([{ id: 's', lagByPartition: { 0: 1, 1: 1 }, offsetsLastUpdated: '2026-01-01T00:00:30Z', state: 'RUNNING' }]);
    expect(lines).toHaveLength(3);
    // Without `transactional`, a lag of 1 is not the end.
    stubFetch({ '/supervisor/s/status': answers });
    await expect(waitForSupervisorsCaughtUp('http://o', ['s'], since, { timeoutMs: 50, pollMs: 1 })).rejects.toThrow(/lag \{"0":1,"1":1\}/);
  });
});
