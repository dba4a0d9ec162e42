/**
 * Token buckets: `ratePerS` tokens per second up to `burst`. Taking is all or nothing;
 * a refusal says how long until the request would fit (the `Retry-After`).
 * Time is injected (`nowMs` per call): no timers, nothing to fake in tests.
 */
export interface Bucket {
  tokens: number;
  updatedMs: number;
}

export interface BucketLimit {
  ratePerS: number;
  burst: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

function refill(b: Bucket, limit: BucketLimit, nowMs: number): void {
  if (nowMs > b.updatedMs) {
    b.tokens = Math.min(limit.burst, b.tokens + ((nowMs - b.updatedMs) / 1000) * limit.ratePerS);
    b.updatedMs = nowMs;
  }
}

export function newBucket(limit: BucketLimit, nowMs: number): Bucket {
  return { tokens: limit.burst, updatedMs: nowMs };
}

/** True when at least one token is there (a cheap check before reading a body). */
export function hasTokens(b: Bucket, limit: BucketLimit, nowMs: number): TakeResult {
  refill(b, limit, nowMs);
  return b.tokens >= 1 ? { ok: true } : { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / limit.ratePerS) * 1000) };
}

/**
 * Takes `n` tokens. `n` above the burst can never fit: it is clamped to the burst so a
 * large batch waits for a full bucket instead of being refused forever.
 */
export function take(b: Bucket, limit: BucketLimit, n: number, nowMs: number): TakeResult {
  refill(b, limit, nowMs);
  const need = Math.min(n, limit.burst);
  if (b.tokens >= need) {
    b.tokens -= need;
    return { ok: true };
  }
  return { ok: false, retryAfterMs: Math.ceil(((need - b.tokens) / limit.ratePerS) * 1000) };
}

/** A bucket that is full again carries no state worth keeping. */
export function isFull(b: Bucket, limit: BucketLimit, nowMs: number): boolean {
  refill(b, limit, nowMs);
  return b.tokens >= limit.burst;
}
