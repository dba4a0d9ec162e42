/**
 * One HTTP POST of a JSON body with a deadline, its outcome as a value. Classification,
 * in the manner of OpenTelemetry's `is-export-retryable`: network errors, timeouts, 5xx,
 * 408 and 429 may succeed later (retryable); any other 4xx means the target refuses this
 * body and will refuse it again (not retryable). The error text quotes the target's answer.
 */

/** The subset of the WHATWG `fetch` the sinks use, so tests inject their own. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export type PostResult = { ok: true } | { ok: false; error: string; retryable: boolean };

export interface PostJsonRequest {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
  fetch: FetchLike;
}

/** Longest answer quoted in an error. */
const MAX_ERROR_TEXT = 500;

export async function postJson(req: PostJsonRequest): Promise<PostResult> {
  let res: { status: number; text(): Promise<string> };
  try {
    res = await req.fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...req.headers },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const why = timedOut ? `no answer within ${req.timeoutMs} ms` : describeNetworkError(err);
    return { ok: false, retryable: true, error: `POST ${req.url}: ${why}` };
  }
  if (res.status >= 200 && res.status < 300) return { ok: true };
  const text = errorText(await res.text().catch(() => ''));
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  return { ok: false, retryable, error: `POST ${req.url}: HTTP ${res.status}${text ? `: ${text}` : ''}` };
}

/**
 * The message in an error answer. Alertmanager's v2 API answers a refused alert with a
 * JSON string (`"start time must be before end time"`) and a body that breaks its schema
 * with `{"code":…,"message":…}`; anything else is quoted as it is.
 */
function errorText(body: string): string {
  const trimmed = body.trim();
  let text = trimmed;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'string') text = parsed;
    else if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string')
      text = (parsed as { message: string }).message;
  } catch {
    /* not JSON: quoted as it is */
  }
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}

/** Node's fetch fails with `TypeError: fetch failed` and the reason (ECONNREFUSED, …) in `cause`. */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  if (cause?.code) return `${err.message} (${cause.code})`;
  if (cause?.message) return `${err.message} (${cause.message})`;
  return err.message;
}
