/** Test helpers: a fresh directory under the OS temp dir, and a logger that remembers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedLogLogger } from '../options.ts';

export async function makeTempDir(prefix = 'gp-log-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): EmbeddedLogLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at = (level: LoggedLine['level']) => (msg: string, fields?: Record<string, unknown>) => void lines.push(fields ? { level, msg, fields } : { level, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Polls `check` until it returns true or `timeoutMs` passes (for conditions another process or loop makes true). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
