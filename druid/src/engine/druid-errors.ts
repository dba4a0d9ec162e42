/**
 * Druid's SQL API errors → the store's codes. Druid (28+) answers a failed query with
 * `{ "error": "druidException", "errorCode", "persona", "category", "errorMessage", "context" }`;
 * older releases and some proxies with `{ "error", "errorMessage", "errorClass" }` or text.
 * The category decides whether retrying can help (druid.apache.org/docs/latest/api-reference/sql-api,
 * "Responses"; DruidException.Category):
 *
 * | Druid | HTTP | store code | retryable |
 * |---|---|---|---|
 * | INVALID_INPUT, UNSUPPORTED, NOT_FOUND, FORBIDDEN, UNAUTHORIZED, DEFENSIVE, UNCATEGORIZED / 4xx | 400, 401, 403, 404 | GP_STORE_QUERY_FAILED | no |
 * | CAPACITY_EXCEEDED (429), TIMEOUT (504), CANCELED, RUNTIME_FAILURE, other 5xx | 429, 5xx | GP_STORE_UNAVAILABLE | yes |
 * | connection refused / reset, our own timeout | — | GP_STORE_UNAVAILABLE | yes |
 */
import { AnalyticsError } from '@gamepulse/store';

export interface DruidErrorBody {
  error?: string;
  errorCode?: string;
  category?: string;
  errorMessage?: string;
  errorClass?: string;
}

const RETRYABLE_CATEGORIES = new Set(['CAPACITY_EXCEEDED', 'TIMEOUT', 'CANCELED', 'RUNTIME_FAILURE']);

export function fromDruidResponse(status: number, body: string, query: string): AnalyticsError {
  let parsed: DruidErrorBody = {};
  try {
    parsed = JSON.parse(body) as DruidErrorBody;
  } catch {
    // text/html from a proxy: keep the text as the message
  }
  const message = parsed.errorMessage ?? parsed.error ?? body.slice(0, 500);
  const category = parsed.category;
  // Druid's category is the better judge; without one (old release, proxy) the status decides.
  const retryable = category !== undefined ? RETRYABLE_CATEGORIES.has(category) : status === 429 || status >= 500;
  const context = { engine: 'druid', httpStatus: status, druidCategory: category, druidErrorCode: parsed.errorCode, query };
  return retryable
    ? new AnalyticsError('GP_STORE_UNAVAILABLE', `druid: ${message}`, { context })
    : new AnalyticsError('GP_STORE_QUERY_FAILED', `druid rejected the query: ${message}`, { context });
}

export function fromFetchFailure(err: unknown, url: string, timeoutMillis: number): AnalyticsError {
  const e = err as Error & { cause?: { code?: string } };
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
  const reason = timedOut ? `no answer within ${timeoutMillis} ms` : (e?.cause?.code ?? e?.message ?? String(err));
  return new AnalyticsError('GP_STORE_UNAVAILABLE', `druid at ${url} unreachable: ${reason}`, {
    cause: err,
    context: { engine: 'druid', url },
  });
}
