/**
 * Every error-code table of the repository and the README sections that document them.
 *
 * A table is whatever a package's library code builds with `defineErrors(...)` (the
 * model of @gamepulse/service/errors). `loadErrorTables` finds the files that call it,
 * imports them and returns what they registered; `errorTableSection` finds the README
 * section a `docsUrl` points at. test/architecture/error-codes.test.ts checks the READMEs
 * with them; this script rewrites the tables in place:
 *
 *   npx tsx scripts/error-tables.ts           # prints every table with its docs URL
 *   npx tsx scripts/error-tables.ts --write   # regenerates the tables in the READMEs
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorTableMarkdown, registeredErrorTables, type RegisteredErrorTable } from '@gamepulse/service/errors';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const WORKSPACES = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;

/** A package's library files: `<folder>/src/**.ts` without tests and test-only helpers. */
export function libraryFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'testing' || entry === 'generated' ? [] : walk(path);
      return entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts') ? [path] : [];
    });
  // testkit is test-only: its made-up codes are test data, not library code.
  return WORKSPACES.filter((folder) => folder !== 'testkit').flatMap((folder) => {
    const src = join(ROOT, folder, 'src');
    try {
      return statSync(src).isDirectory() ? walk(src) : [];
    } catch {
      return [];
    }
  });
}

/** A call that builds a table: `NAME = defineErrors(`. */
const DEFINITION = /=\s*defineErrors\s*\(/g;

export interface LoadedTables {
  /** Repo-relative files with a table, and how many each defines. */
  files: Array<{ file: string; tables: number }>;
  tables: RegisteredErrorTable[];
}

/** Imports every file that defines a table and returns the registry. */
export async function loadErrorTables(): Promise<LoadedTables> {
  const files: LoadedTables['files'] = [];
  for (const path of libraryFiles()) {
    const tables = readFileSync(path, 'utf8').match(DEFINITION)?.length ?? 0;
    if (tables === 0) continue;
    files.push({ file: relative(ROOT, path), tables });
    await import(pathToFileURL(path).href);
  }
  return { files, tables: registeredErrorTables() };
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces → '-'. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export interface Section {
  /** The README, repo-relative. */
  file: string;
  text: string;
  /** Offsets of the section in `text`: from its heading to the next heading of the same or a higher level. */
  start: number;
  end: number;
}

/** The README section a docs URL (`path/README.md#anchor`) points at, or why there is none. */
export function errorTableSection(docsUrl: string): Section | string {
  const [file, anchor] = docsUrl.split('#');
  if (!file || !anchor || !file.endsWith('.md')) return `${docsUrl}: expected <path>.md#<anchor>`;
  let text: string;
  try {
    text = readFileSync(join(ROOT, file), 'utf8');
  } catch {
    return `${docsUrl}: ${file} does not exist`;
  }
  const headings = [...text.matchAll(/^(#{1,6}) (.+)$/gm)];
  const i = headings.findIndex((h) => slug(h[2]!) === anchor);
  if (i === -1) return `${docsUrl}: no heading with anchor #${anchor} in ${file}`;
  const level = headings[i]![1]!.length;
  const next = headings.slice(i + 1).find((h) => h[1]!.length <= level);
  return { file, text, start: headings[i]!.index, end: next?.index ?? text.length };
}

const TABLE_HEADER = errorTableMarkdown([]).split('\n')[0]!;

/** The error table inside a section: its header line and the rows after it. */
export function tableIn(section: Section): { start: number; end: number } | undefined {
  const body = section.text.slice(section.start, section.end);
  const at = body.indexOf(`${TABLE_HEADER}\n`);
  if (at === -1) return undefined;
  let end = at;
  for (const line of body.slice(at).split('\n')) {
    if (!line.startsWith('|')) break;
    end += line.length + 1;
  }
  return { start: section.start + at, end: section.start + end - 1 };
}

/** Rewrites each table's README table (or its `TABLE` placeholder line) from the code. */
export function writeErrorTables(tables: RegisteredErrorTable[]): string[] {
  const written: string[] = [];
  for (const table of tables) {
    const section = errorTableSection(table.docsUrl);
    if (typeof section === 'string') throw new Error(section);
    const generated = errorTableMarkdown(table.codes);
    const existing = tableIn(section);
    const body = section.text.slice(section.start, section.end);
    const placeholder = body.search(/^TABLE$/m);
    let text: string;
    if (existing) text = section.text.slice(0, existing.start) + generated + section.text.slice(existing.end);
    else if (placeholder !== -1)
      text =
        section.text.slice(0, section.start + placeholder) + generated + section.text.slice(section.start + placeholder + 'TABLE'.length);
    else throw new Error(`${table.docsUrl}: no error table (or TABLE placeholder) in the section`);
    if (text !== section.text) {
      writeFileSync(join(ROOT, section.file), text);
      written.push(table.docsUrl);
    }
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { tables } = await loadErrorTables();
  if (process.argv.includes('--write')) {
    const written = writeErrorTables(tables);
    console.log(written.length ? `rewrote ${written.join(', ')}` : 'every README error table is up to date');
  } else {
    for (const t of tables) console.log(`${t.name} → ${t.docsUrl}\n\n${errorTableMarkdown(t.codes)}\n`);
  }
}
