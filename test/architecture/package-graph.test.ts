/**
 * The package graph as the README draws it, checked against the code: every workspace
 * import is declared in the importing package's package.json, no file reaches into
 * another package's internals (a relative path out of its folder, or a subpath the
 * target does not export), production dependencies form no cycle and point only down
 * the layers, and the README's list equals the package.json files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinModules } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  workspaces: string[];
  devDependencies: Record<string, string>;
};
const FOLDERS = rootPackage.workspaces;

/**
 * Layers, lowest first. Library code may import its own layer's packages only where the
 * README's graph says so, and never a higher layer. `testkit` is test-only and sits
 * outside the layers: libraries reach it from tests through devDependencies.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['proto', 'service'],
  ['log', 'sdk', 'store'],
  ['collector', 'processor', 'kpi', 'loader', 'samples', 'druid'],
  ['alerts'],
  ['api'],
  ['apps', 'grafana'],
];
const TEST_ONLY = new Set(['testkit']);
/** The repo's own tooling (engine launchers, the bench runner), which tests and benches may use by path. */
const TOOLING = ['scripts', 'bench'];

interface Pkg {
  folder: string;
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  exports: Record<string, string>;
}

const packages = new Map<string, Pkg>(
  FOLDERS.map((folder) => {
    const json = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as Partial<Pkg> & { name: string };
    return [
      folder,
      {
        folder,
        name: json.name,
        dependencies: json.dependencies ?? {},
        devDependencies: json.devDependencies ?? {},
        exports: json.exports ?? {},
      },
    ];
  }),
);
const folderOfName = new Map([...packages.values()].map((p) => [p.name, p.folder]));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'generated') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) out.push({ file: relative(ROOT, file), specifier: (m[2] ?? m[3])!, typeOnly: m[1] !== undefined });
  return out;
}

/** Library code: what a package ships, as opposed to its tests, benches and scripts. */
function isLibraryFile(folder: string, file: string): boolean {
  const rel = relative(join(ROOT, folder), join(ROOT, file));
  return rel.startsWith('src/') && !/\.test\.ts$/.test(rel) && !rel.includes('/testing/');
}

const BUILTINS = new Set(builtinModules);
const packageNameOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

describe('package graph', () => {
  it('every workspace folder has a layer (or is test-only)', () => {
    const unplaced = FOLDERS.filter((f) => layerOf(f) === -1 && !TEST_ONLY.has(f));
    expect(unplaced).toEqual([]);
  });

  it('imports only declared packages, through their exports, never another folder’s files', () => {
    const problems: string[] = [];
    for (const pkg of packages.values()) {
      for (const file of sourceFiles(join(ROOT, pkg.folder))) {
        const library = isLibraryFile(pkg.folder, relative(ROOT, file));
        for (const imp of importsOf(file)) {
          const s = imp.specifier;
          if (s.startsWith('.')) {
            const target = normalize(join(dirname(imp.file), s));
            const intoTooling = !library && TOOLING.some((t) => target.startsWith(`${t}/`));
            if (!target.startsWith(`${pkg.folder}/`) && !intoTooling)
              problems.push(`${imp.file}: relative import out of ${pkg.folder}/: ${s}`);
            continue;
          }
          if (s.startsWith('node:') || BUILTINS.has(s)) continue;
          const name = packageNameOf(s);
          const declared =
            pkg.dependencies[name] !== undefined ||
            (!library && (pkg.devDependencies[name] !== undefined || rootPackage.devDependencies[name] !== undefined));
          if (name === pkg.name) {
            problems.push(`${imp.file}: imports its own package by name (${s}); use a relative path`);
            continue;
          }
          if (!declared)
            problems.push(
              `${imp.file}: ${name} is not declared in ${pkg.folder}/package.json ${library ? 'dependencies' : 'dependencies or devDependencies'}`,
            );
          const targetFolder = folderOfName.get(name);
          if (targetFolder !== undefined) {
            const subpath = s === name ? '.' : `.${s.slice(name.length)}`;
            if (packages.get(targetFolder)!.exports[subpath] === undefined) problems.push(`${imp.file}: ${s} is not an export of ${name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('production dependencies point down the layers, never to test-only packages', () => {
    const problems: string[] = [];
    for (const pkg of packages.values()) {
      for (const dep of Object.keys(pkg.dependencies)) {
        const target = folderOfName.get(dep);
        if (target === undefined) continue;
        if (TEST_ONLY.has(target) && !TEST_ONLY.has(pkg.folder))
          problems.push(`${pkg.folder} → ${target}: test-only package in dependencies`);
        else if (!TEST_ONLY.has(pkg.folder) && layerOf(target) >= layerOf(pkg.folder))
          problems.push(`${pkg.folder} (layer ${layerOf(pkg.folder)}) → ${target} (layer ${layerOf(target)}): not a lower layer`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no cycle through dependencies', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      if (state.get(folder) === 'done') return;
      if (state.get(folder) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
        return;
      }
      state.set(folder, 'visiting');
      for (const dep of Object.keys(packages.get(folder)!.dependencies)) {
        const target = folderOfName.get(dep);
        if (target !== undefined) visit(target, [...path, folder]);
      }
      state.set(folder, 'done');
    };
    for (const folder of FOLDERS) visit(folder, []);
    expect(cycles).toEqual([]);
  });

  it('the processor reads only the store contracts (type imports of @gamepulse/store)', () => {
    const valueImports = sourceFiles(join(ROOT, 'processor/src'))
      .flatMap(importsOf)
      .filter((i) => i.specifier === '@gamepulse/store' && !i.typeOnly)
      .map((i) => i.file);
    expect(valueImports).toEqual([]);
  });

  it('the README lists each package with exactly its workspace dependencies', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- package-graph -->'), readme.indexOf('<!-- /package-graph -->'));
    expect(section.length).toBeGreaterThan(0);
    const listed = new Map<string, string[]>();
    for (const m of section.matchAll(/^(?:layer \d|test-only)?\s*([a-z]+) +→ +(.*)$/gm)) {
      listed.set(
        m[1]!,
        m[2]!.trim() === '—'
          ? []
          : m[2]!
              .split(',')
              .map((d) => d.trim())
              .sort(),
      );
    }
    const actual = new Map(
      [...packages.values()].map((p) => [
        p.folder,
        Object.keys(p.dependencies)
          .map((d) => folderOfName.get(d))
          .filter((f): f is string => f !== undefined)
          .sort(),
      ]),
    );
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(actual));
  });
});
