/**
 * The README's table of defaults is checked against the `@default` JSDoc of every
 * option (core, browser, node) and against what resolveOptions really applies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');

/** name → @default text, for each documented property of the interfaces in `source`. */
function jsdocDefaults(source: string, prefixes: Record<string, string> = {}): Map<string, string> {
  const out = new Map<string, string>();
  let iface = '';
  const re = /export interface (\w+)|\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\??:/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[1]) {
      iface = m[1];
      continue;
    }
    const d = /@default ([^\n*]+)/.exec(m[2]!);
    if (d) out.set(`${prefixes[iface] ?? ''}${m[3]}`, d[1]!.trim());
  }
  return out;
}

const norm = (v: string) => v.replace(/`/g, '').replace(/_/g, '').trim();

function readmeDefaults(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of read('../../README.md').split('\n')) {
    const m = /^\| `([\w.]+)`(?: \((browser|node)\))? \| ([^|]+) \|/.exec(line);
    if (m) out.set(m[2] ? `${m[2]}:${m[1]}` : m[1]!, m[3]!);
  }
  return out;
}

describe('core/options documentation', () => {
  it('the README table lists every option with the default its JSDoc states', () => {
    const readme = readmeDefaults();
    const core = jsdocDefaults(read('./options.ts'), { RetryOptions: 'retry.', CircuitBreakerOptions: 'circuitBreaker.' });
    const browser = jsdocDefaults(read('../browser/index.ts'));
    const node = jsdocDefaults(read('../node/index.ts'));
    const expected = new Map<string, string>([
      ...core,
      ...[...browser].map(([k, v]) => [`browser:${k}`, v] as const),
      ...[...node].map(([k, v]) => [`node:${k}`, v] as const),
    ]);
    expect(expected.size).toBeGreaterThan(30);
    const mismatches: string[] = [];
    for (const [name, value] of expected) {
      const row = readme.get(name);
      if (row === undefined) mismatches.push(`${name}: missing in README`);
      else if (norm(row) !== norm(value)) mismatches.push(`${name}: README ${row.trim()} ≠ JSDoc ${value}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('the documented numeric defaults are the ones resolveOptions applies', () => {
    const o = resolveOptions({ gameKey: 'k', endpoint: 'http://x', gameId: 'g' });
    const readme = readmeDefaults();
    const applied: Record<string, unknown> = {
      flushIntervalMs: o.flushIntervalMs,
      maxBatchEvents: o.maxBatchEvents,
      maxBatchBytes: o.maxBatchBytes,
      maxQueueBytes: o.maxQueueBytes,
      compressMinBytes: o.compressMinBytes,
      sendTimeoutMs: o.sendTimeoutMs,
      flushTimeoutMs: o.flushTimeoutMs,
      maxBufferedBeforeReady: o.maxBufferedBeforeReady,
      'retry.baseDelayMs': o.retry.baseDelayMs,
      'retry.maxDelayMs': o.retry.maxDelayMs,
      'retry.maxRetryAfterMs': o.retry.maxRetryAfterMs,
      'circuitBreaker.failureThreshold': o.circuitBreaker.failureThreshold,
      'circuitBreaker.openMs': o.circuitBreaker.openMs,
      'circuitBreaker.maxOpenMs': o.circuitBreaker.maxOpenMs,
      sampleRate: o.sampleRate,
      sessionTimeoutMs: o.sessionTimeoutMs,
      retryPreferredTransportAfterMs: o.retryPreferredTransportAfterMs,
      consent: `'${o.consent}'`,
    };
    for (const [name, value] of Object.entries(applied)) expect(norm(readme.get(name) ?? ''), name).toBe(String(value));
  });
});
