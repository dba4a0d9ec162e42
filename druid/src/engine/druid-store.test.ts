/**
 * DruidStore's own logic — request shape, parameter types, error mapping — with an
 * injected fetch that answers like Druid's SQL API (answers copied from Druid 33).
 * Queries against a real Druid: druid/test/integration/druid-kpis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isAnalyticsError } from '@gamepulse/store';
import { druidParameter, openDruidStore } from './druid-store.ts';

function fakeFetch(status: number, body: unknown, seen: Array<{ url: string; body: unknown }> = []): typeof fetch {
  return async (url: string | URL | Request, init?: RequestInit) => {
    // DruidStore posts a JSON string to a string URL.
    seen.push({
      url: url instanceof Request ? url.url : url.toString(),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
}

describe('druid/druid-engine/druid-store', () => {
  it('posts SQL with typed dynamic parameters and returns rows as objects', async () => {
    const seen: Array<{ url: string; body: unknown }> = [];
    const store = openDruidStore({ url: 'http://druid:8082/', fetch: fakeFetch(200, [{ n: 3, c: 'DE', x: null, a: ['x'] }], seen) });
    const rows = await store.sql('SELECT 1 WHERE a = ? AND b = ? AND c = ?', ['g', 42, 1.5]);
    expect(rows).toEqual([{ n: 3, c: 'DE', x: null, a: '["x"]' }]);
    expect(seen[0]!.url).toBe('http://druid:8082/druid/v2/sql');
    expect(seen[0]!.body).toMatchObject({
      query: 'SELECT 1 WHERE a = ? AND b = ? AND c = ?',
      parameters: [
        { type: 'VARCHAR', value: 'g' },
        { type: 'BIGINT', value: 42 },
        { type: 'DOUBLE', value: 1.5 },
      ],
      resultFormat: 'object',
      context: { sqlTimeZone: 'Etc/UTC', timeout: 30_000 },
    });
    expect(druidParameter(2 ** 60)).toEqual({ type: 'DOUBLE', value: 2 ** 60 });
  });

  it('maps invalid input to GP_STORE_QUERY_FAILED (not retryable)', async () => {
    const body = {
      error: 'druidException',
      errorCode: 'invalidInput',
      persona: 'USER',
      category: 'INVALID_INPUT',
      errorMessage: "Column 'nope' not found in any table",
    };
    const err = await openDruidStore({ fetch: fakeFetch(400, body) })
      .sql('SELECT nope FROM t')
      .catch((e: unknown) => e);
    expect(isAnalyticsError(err, 'GP_STORE_QUERY_FAILED')).toBe(true);
    /* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any */
    expect(err).toMatchObject({
      retryable: false,
      message: expect.stringContaining("Column 'nope' not found"),
      context: { druidCategory: 'INVALID_INPUT', httpStatus: 400 },
    });
    /* eslint-enable @typescript-eslint/no-unsafe-assignment */
  });

  it('maps capacity, timeouts, 5xx and an unreachable broker to GP_STORE_UNAVAILABLE (retryable)', async () => {
    const cases: Array<[number, unknown]> = [
      [429, { error: 'druidException', category: 'CAPACITY_EXCEEDED', errorMessage: 'Too many concurrent queries' }],
      [504, { error: 'druidException', category: 'TIMEOUT', errorMessage: 'Query timeout' }],
      [502, '<html>Bad Gateway</html>'],
    ];
    for (const [status, body] of cases) {
      const err = await openDruidStore({ fetch: fakeFetch(status, body) })
        .sql('SELECT 1')
        .catch((e: unknown) => e);
      expect(err, String(status)).toMatchObject({ code: 'GP_STORE_UNAVAILABLE', retryable: true, httpStatus: 503 });
    }
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const err = await openDruidStore({ url: 'http://127.0.0.1:1', fetch: refused })
      .sql('SELECT 1')
      .catch((e: unknown) => e);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
    expect(err).toMatchObject({ code: 'GP_STORE_UNAVAILABLE', message: expect.stringContaining('ECONNREFUSED') });
    expect(await openDruidStore({ url: 'http://127.0.0.1:1', fetch: refused }).health()).toMatchObject({ ok: false });
  });

  it('refuses queries after close, which is safe to call twice', async () => {
    const store = openDruidStore({ fetch: fakeFetch(200, []) });
    await store.close();
    await store.close();
    await expect(store.sql('SELECT 1')).rejects.toMatchObject({ code: 'GP_STORE_CLOSED' });
  });
});
