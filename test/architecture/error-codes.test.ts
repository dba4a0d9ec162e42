/**
 * One doc-sync test for every error code of the repository. It collects every table
 * built with `defineErrors` (the model of @gamepulse/service/errors) and checks that
 * each code is documented, with its statuses, in the README section its `docsUrl` points
 * at; that no code is defined twice; that codes follow `GP_<AREA>_<WHAT>`; and that
 * every code the library code names is defined somewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorTableMarkdown, grpcStatusName, type RegisteredErrorTable } from '@gamepulse/service/errors';
import { EVENT_CODES } from '@gamepulse/proto';
import { SDK_CODES } from '@gamepulse/sdk';
import { errorTableSection, libraryFiles, loadErrorTables, ROOT, tableIn, type LoadedTables } from '../../scripts/error-tables.ts';

const CODE = /^GP_[A-Z]+_[A-Z_]+$/;
/** The collector's catch-all, older than the pattern; clients key on it, so it stays. */
const CODE_EXCEPTIONS = new Set(['GP_INTERNAL']);

let loaded: LoadedTables;
let tables: RegisteredErrorTable[];

beforeAll(async () => {
  loaded = await loadErrorTables();
  tables = loaded.tables;
}, 60_000);

describe('error codes', () => {
  it('every table built in library code is registered, under a name of its own', () => {
    const expected = loaded.files.reduce((n, f) => n + f.tables, 0);
    expect(loaded.files.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'service/src/config.ts',
        'log/src/errors.ts',
        'collector/src/errors.ts',
        'store/src/errors.ts',
        'processor/src/codes.ts',
      ]),
    );
    expect(tables).toHaveLength(expected);
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
  });

  it('codes follow GP_<AREA>_<WHAT> and name a known gRPC status and an HTTP error status', () => {
    const bad: string[] = [];
    for (const t of tables)
      for (const d of t.defines) {
        if (!CODE.test(d.code) && !CODE_EXCEPTIONS.has(d.code)) bad.push(`${t.name}: ${d.code} does not match ${CODE}`);
        if (grpcStatusName(d.grpcStatus) === undefined || d.grpcStatus === 0)
          bad.push(`${t.name}: ${d.code} has gRPC status ${d.grpcStatus}`);
        if (!Number.isInteger(d.httpStatus) || d.httpStatus < 400 || d.httpStatus > 599)
          bad.push(`${t.name}: ${d.code} has HTTP status ${d.httpStatus}`);
        if (d.docsUrl !== t.docsUrl) bad.push(`${t.name}: ${d.code} points at ${d.docsUrl}, its table at ${t.docsUrl}`);
      }
    expect(bad).toEqual([]);
  });

  it('no code is defined twice: across the tables, the per-event codes of proto and the SDK codes', () => {
    const seen = new Map<string, string>();
    for (const code of Object.keys(EVENT_CODES)) seen.set(code, 'proto EVENT_CODES');
    for (const code of Object.keys(SDK_CODES)) seen.set(code, 'sdk SDK_CODES');
    const twice: string[] = [];
    for (const t of tables)
      for (const d of t.defines) {
        const first = seen.get(d.code);
        if (first) twice.push(`${d.code}: ${first} and ${t.name}`);
        seen.set(d.code, t.name);
      }
    expect(twice).toEqual([]);
  });

  it("each table's README section holds its generated table and lists no other code", () => {
    const problems: string[] = [];
    for (const t of tables) {
      const section = errorTableSection(t.docsUrl);
      if (typeof section === 'string') {
        problems.push(section);
        continue;
      }
      const table = tableIn(section);
      const generated = errorTableMarkdown(t.codes);
      if (!table) problems.push(`${t.docsUrl}: no error table in the section`);
      else if (section.text.slice(table.start, table.end) !== generated)
        problems.push(`${t.docsUrl}: the table differs from the code (npx tsx scripts/error-tables.ts --write)`);
      const listed = [...section.text.slice(section.start, section.end).matchAll(/^\| `(GP_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
      expect(listed.sort(), t.docsUrl).toEqual(t.codes.map((d) => d.code).sort());
    }
    expect(problems).toEqual([]);
  });

  it('each code is documented with its HTTP status in the README its docsUrl points at', () => {
    const missing: string[] = [];
    for (const t of tables)
      for (const d of t.codes) {
        const section = errorTableSection(d.docsUrl);
        const body = typeof section === 'string' ? '' : section.text.slice(section.start, section.end);
        if (!body.includes(`| \`${d.code}\` | ${d.httpStatus} | ${grpcStatusName(d.grpcStatus)} | ${d.retryable ? 'yes' : 'no'} |`))
          missing.push(`${d.code} (${t.name}) in ${d.docsUrl}`);
      }
    expect(missing).toEqual([]);
  });

  it('every GP_ code named in library code is defined: in a table, or a per-event or SDK code', () => {
    const known = new Set([...tables.flatMap((t) => t.codes.map((d) => d.code)), ...Object.keys(EVENT_CODES), ...Object.keys(SDK_CODES)]);
    const unknown: string[] = [];
    for (const file of libraryFiles())
      for (const code of readFileSync(file, 'utf8').match(/\bGP_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [])
        if (!known.has(code)) unknown.push(`${relative(ROOT, file)}: ${code}`);
    expect(unknown).toEqual([]);
  });

  it('the repository spells the flag `retryable`; `retriable` appears only where kafkajs errors are read or faked', () => {
    const offenders: string[] = [];
    for (const file of [...libraryFiles(), ...testFilesOf(['log', 'processor', 'store', 'druid', 'collector'])]) {
      const rel = relative(ROOT, file);
      if (rel.startsWith('log/src/kafka/')) continue;
      if (/retriable/i.test(readFileSync(file, 'utf8'))) offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });
});

/** Unit test files beside the code of some packages. */
function testFilesOf(folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (entry.endsWith('.test.ts')) out.push(path);
      else if (!entry.includes('.') && entry !== 'node_modules') walk(path);
    }
  };
  for (const folder of folders) walk(join(ROOT, folder, 'src'));
  return out;
}
