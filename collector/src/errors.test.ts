import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_CODES } from '@gamepulse/proto';
import { configTable, errorTable } from '../scripts/readme-tables.ts';
import { ERRORS, failure } from './errors.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'testing' ? [] : sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The log's codes (the `LogErrorCode` union), which append.ts translates into ours. */
function logCodes(): Set<string> {
  const types = readFileSync(join(root, '..', 'log', 'src', 'types.ts'), 'utf8');
  const union = types.slice(types.indexOf('export type LogErrorCode'), types.indexOf(';', types.indexOf('export type LogErrorCode')));
  return new Set(union.match(/GP_[A-Z0-9_]+/g));
}

describe('collector/errors', () => {
  it('every GP_ code in src is in the table, or a per-event code from proto, or a log code being translated', () => {
    const known = new Set([...Object.keys(ERRORS), ...Object.keys(EVENT_CODES), ...logCodes()]);
    const unknown: string[] = [];
    for (const file of sourceFiles(here)) {
      for (const code of readFileSync(file, 'utf8').match(/\bGP_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [])
        if (!known.has(code)) unknown.push(`${file.slice(root.length + 1)}: ${code}`);
    }
    expect(unknown).toEqual([]);
  });

  it('every code is documented in README.md with its statuses, and the README lists no other', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(errorTable());
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Metrics'));
    const documented = new Set(section.match(/^\| `(GP_[A-Z0-9_]+)`/gm)?.map((row) => row.slice(3, -1)));
    expect([...documented].sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('the README configuration reference is the generated one', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(configTable());
  });

  it('codes follow GP_<AREA>_<WHAT>; exactly the 429 and 5xx codes are retryable', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^GP_[A-Z]+_[A-Z0-9_]+$|^GP_INTERNAL$/);
      expect(spec.retryable).toBe(spec.httpStatus >= 500 || spec.httpStatus === 429);
    }
  });

  it('failure() carries the table message unless a detail is given', () => {
    expect(failure('GP_AUTH_KEY_INVALID')).toEqual({ ok: false, code: 'GP_AUTH_KEY_INVALID', message: ERRORS.GP_AUTH_KEY_INVALID.message, retryable: false });
    expect(failure('GP_LOG_UNAVAILABLE', 'down', 3)).toEqual({ ok: false, code: 'GP_LOG_UNAVAILABLE', message: 'down', retryable: true, retryAfterS: 3 });
  });
});
