/**
 * Small HTTP and TCP probes and calls against a Druid cluster. Every call has a timeout:
 * a JVM that is starting accepts connections long before it answers.
 */
import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 3_000;

/** True once a Druid process answers `GET /status/health` with `true`. */
export async function druidHealthy(baseUrl: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/status/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  return res.ok && (await res.text()).trim() === 'true';
}

/** GET returning JSON, or undefined on any failure (for polling). */
export async function getJson<T>(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<T | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends JSON with POST (or another method) and returns the parsed answer; throws with Druid's error body. */
export async function sendJson<T>(url: string, body: unknown, opts: { method?: string; timeoutMs?: number } = {}): Promise<T> {
  const res = await fetch(url, {
    method: opts.method ?? 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${opts.method ?? 'POST'} ${url} → HTTP ${res.status}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Druid SQL on a broker or router; rows as objects keyed by column name. */
export function druidSql<T = Record<string, unknown>>(baseUrl: string, query: string, context: Record<string, unknown> = {}): Promise<T[]> {
  return sendJson<T[]>(`${baseUrl}/druid/v2/sql`, { query, resultFormat: 'object', context });
}

/** ZooKeeper's four-letter `ruok`: `imok` means it serves requests (not merely listens). */
export function zookeeperOk(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect({ port, host }, () => socket.write('ruok'));
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer === 'imok'));
    socket.on('error', () => resolve(false));
  });
}
