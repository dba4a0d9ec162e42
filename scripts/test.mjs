#!/usr/bin/env node
/**
 * `npm test`: everything a fresh clone needs, then every suite.
 *   1. install npm dependencies and Debian's Chromium when missing (scripts/ensure.mjs)
 *   2. typecheck the whole monorepo (tsc --noEmit)
 *   3. lint (typescript-eslint, type-aware) and format check (prettier): `npm run lint`
 *   4. vitest: unit tests, then integration tests that start real engines themselves
 *      (embedded pipeline, Apache Kafka and Apache Druid from Maven Central into
 *      ~/.cache/gamepulse, Chromium) — a second run reuses the cached engines.
 * Extra arguments go to vitest, e.g. `npm test -- --project unit` or a file filter.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, label) => {
  const started = Date.now();
  console.error(`\n[test] ${label} …`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test] ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.error(`[test] ${label} passed in ${Math.round((Date.now() - started) / 1000)} s`);
};

run(process.execPath, [join(root, 'scripts/ensure.mjs'), '--browser'], 'setup');
run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], 'typecheck');
run(join(root, 'node_modules/.bin/eslint'), ['.'], 'lint');
run(join(root, 'node_modules/.bin/prettier'), ['--check', '.', '--log-level', 'warn'], 'format check');
run(join(root, 'node_modules/.bin/vitest'), ['run', ...process.argv.slice(2)], 'vitest');
