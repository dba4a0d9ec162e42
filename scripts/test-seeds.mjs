#!/usr/bin/env node
/**
 * `npm run test:seeds -- --seeds 5`: the end-to-end and chaos suites over N seeds in one
 * run (one vitest invocation; one broker per suite file), then a table per seed: events,
 * re-sends (and any other counters of the re-send plan: collisions, reorders …), faults
 * injected, lost and duplicated. `npm test` runs the default seeds (e2e-1; chaos-1..3).
 *
 *   --seeds N        seeds per suite                       (default 5)
 *   --suites LIST    e2e,kafka-e2e,chaos                   (default all three)
 *
 * Each suite prints a `[seed-report] {json}` line per seed (test/integration/support/
 * seed-report.ts); the full vitest output goes to the terminal as it runs. Exits 1 when
 * vitest fails, a seed did not report, or any seed lost or duplicated an event.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { seeds: { type: 'string', default: '5' }, suites: { type: 'string', default: 'e2e,kafka-e2e,chaos' } },
});
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1) {
  console.error(`--seeds must be a positive integer, got "${values.seeds}"`);
  process.exit(2);
}
const FILES = {
  e2e: 'test/integration/pipeline-e2e.test.ts',
  'kafka-e2e': 'test/integration/kafka-pipeline-e2e.test.ts',
  chaos: 'test/integration/kafka-chaos.test.ts',
};
const suites = values.suites.split(',').filter(Boolean);
for (const s of suites)
  if (!(s in FILES)) {
    console.error(`unknown suite "${s}"; choose from ${Object.keys(FILES).join(', ')}`);
    process.exit(2);
  }

const started = Date.now();
const env = { ...process.env, GP_E2E_SEEDS: String(seeds), GP_CHAOS_SEEDS: String(seeds) };
delete env.GP_E2E_SEED;
delete env.GP_CHAOS_SEED;
const child = spawn(join(root, 'node_modules/.bin/vitest'), ['run', ...suites.map((s) => FILES[s])], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const reports = [];
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    const at = line.indexOf('[seed-report] ');
    if (at >= 0) reports.push(JSON.parse(line.slice(at + '[seed-report] '.length)));
  }
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));

const fmt = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '-';
const out = [
  '',
  `seeds: ${seeds} per suite (${suites.join(', ')}); ${Math.round((Date.now() - started) / 1000)} s; vitest exit ${code}`,
  '',
];
for (const r of reports)
  out.push(
    `${r.suite.padEnd(13)} ${r.seed.padEnd(9)} events ${String(r.events).padStart(6)}  lost ${r.lost ?? '?'}  duplicated ${r.duplicated ?? '?'}`,
    `${''.padEnd(23)} re-sends: ${fmt(r.resends)}`,
    `${''.padEnd(23)} faults:   ${fmt(r.faults)}`,
  );
const expected = suites.length * seeds;
if (reports.length < expected) out.push('', `only ${reports.length} of ${expected} seeds reported (see the vitest output above)`);
const bad = reports.filter((r) => r.lost !== 0 || r.duplicated !== 0);
out.push(
  '',
  bad.length === 0 && reports.length >= expected ? 'every seed: 0 lost, 0 duplicated' : `${bad.length} seed(s) lost or duplicated events`,
);
console.log(out.join('\n'));
process.exit(code === 0 && bad.length === 0 && reports.length >= expected ? 0 : 1);
