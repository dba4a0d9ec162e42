/**
 * The privacy deletion request (right to erasure, GDPR Art. 17): `POST
 * ${endpoint}/v1/privacy/deletion` with the game key in `x-gamepulse-key` and the JSON
 * body `{ "playerId", "installId" }`; the collector answers 202 `{ "requestId" }`, or
 * the usual JSON error body. Retryable failures are retried a few times with the same
 * backoff as batches (the request is idempotent per player).
 */
import type { Clock } from '../clock.ts';
import type { ResolvedOptions } from '../options.ts';
import type { RandomSource } from '../random.ts';
import { backoffDelayMs, type RetryPolicy } from '../retry.ts';
import { failureForStatus } from './http-status.ts';

export type DeletionResult =
  { ok: true; requestId: string } | { ok: false; code: string; message: string; retryable: boolean; status?: number };

export interface DeletionRequestOptions {
  endpoint: string;
  gameKey: string;
  playerId: string;
  installId: string;
  clock: Clock;
  random: RandomSource;
  retry: RetryPolicy;
  timeoutMs: number;
  /** Attempts in total. @default 4 */
  attempts?: number;
  fetch?: typeof fetch;
}

async function attempt(o: DeletionRequestOptions): Promise<DeletionResult & { retryInMs?: number }> {
  const controller = new AbortController();
  const timer = o.clock.setTimeout(() => controller.abort(), o.timeoutMs, { keepAlive: true });
  try {
    const res = await (o.fetch ?? globalThis.fetch)(`${o.endpoint}/v1/privacy/deletion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gamepulse-key': o.gameKey },
      body: JSON.stringify({ playerId: o.playerId, installId: o.installId }),
      signal: controller.signal,
    });
    const text = await res.text();
    if (res.ok) {
      const requestId = (JSON.parse(text || '{}') as { requestId?: unknown }).requestId;
      return { ok: true, requestId: typeof requestId === 'string' ? requestId : '' };
    }
    const f = failureForStatus(res.status, res.headers.get('retry-after'), o.clock.now(), text.slice(0, 512));
    return {
      ok: false,
      code: f.serverCode ?? 'GP_SDK_HTTP_STATUS',
      message: text.slice(0, 512),
      retryable: f.retryable,
      status: res.status,
      ...(f.retryInMs !== undefined ? { retryInMs: f.retryInMs } : {}),
    };
  } catch (cause) {
    return { ok: false, code: 'GP_SDK_NETWORK', message: String(cause), retryable: true };
  } finally {
    o.clock.clearTimeout(timer);
  }
}

export async function requestDeletion(o: DeletionRequestOptions): Promise<DeletionResult> {
  const attempts = o.attempts ?? 4;
  for (let i = 0; ; i++) {
    const result = await attempt(o);
    if (result.ok || !result.retryable || i + 1 >= attempts) {
      const { retryInMs: _ignored, ...plain } = result;
      return plain;
    }
    const delayMs = Math.min(result.retryInMs ?? backoffDelayMs(i, o.retry, o.random), o.retry.maxRetryAfterMs);
    await new Promise<void>((resolve) => o.clock.setTimeout(resolve, delayMs, { keepAlive: true }));
  }
}

/** The request for a client's player and install, with the client's options. */
export function deletePlayer(
  o: ResolvedOptions,
  playerId: string,
  installId: string,
  fetch: typeof globalThis.fetch | undefined,
): Promise<DeletionResult> {
  return requestDeletion({
    endpoint: o.endpoint,
    gameKey: o.gameKey,
    playerId,
    installId,
    clock: o.clock,
    random: o.random,
    retry: o.retry,
    timeoutMs: o.sendTimeoutMs,
    ...(fetch ? { fetch } : {}),
  });
}
