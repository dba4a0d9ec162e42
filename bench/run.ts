/**
 * `npm run bench [-- --quick] [-- --only a,b] [-- --skip kafka,druid]`
 * Runs the registered suites in one run, prints one table and writes JSON to
 * bench/results/<timestamp>.json (and latest.json). Speed targets live here, never as
 * timed assertions in tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { suites } from './suites/index.ts';
import type { BenchRow } from './types.ts';

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, only: { type: 'string' }, skip: { type: 'string' }, list: { type: 'boolean' } },
});
const only = values.only?.split(',').filter(Boolean);
const skip = values.skip?.split(',').filter(Boolean) ?? [];

if (values.list) {
  for (const s of suites) console.log(`${s.name.padEnd(22)} ${s.description}${s.needs?.length ? ` [needs ${s.needs.join(', ')}]` : ''}`);
  process.exit(0);
}

const selected = suites.filter(
  (s) => (!only || only.includes(s.name)) && !skip.includes(s.name) && !(s.needs ?? []).some((n) => skip.includes(n)),
);
const tmp = mkdtempSync(join(tmpdir(), 'gp-bench-'));
const rows: BenchRow[] = [];
const failures: Array<{ suite: string; error: string }> = [];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

for (const suite of selected) {
  log(`── ${suite.name}: ${suite.description}`);
  const started = Date.now();
  try {
    rows.push(...(await suite.run({ tmpDir: tmp, log: (l) => log(`${suite.name}: ${l}`), quick: !!values.quick })));
    log(`${suite.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    failures.push({ suite: suite.name, error: (err as Error).stack ?? String(err) });
    log(`${suite.name} FAILED: ${(err as Error).message}`);
  }
}
// Keep the scratch dir (service logs, data) when something failed, to look at, or when
// asked (GAMEPULSE_BENCH_KEEP=1), e.g. to replay a suite's log through one component.
if (failures.length || process.env.GAMEPULSE_BENCH_KEEP === '1') log(`scratch dir kept for inspection: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });

/** Table display only (the JSON keeps full precision): 3 significant decimals below 10, fewer above. */
const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 3 });
const widths = [22, 44, 14, 9];
const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i] ?? 0))).join('  ');
console.log('\n' + line(['suite', 'metric', 'value', 'unit']) + '  note');
console.log('-'.repeat(120));
for (const r of rows) console.log(line([r.suite, r.metric, fmt(r.value), r.unit]) + (r.note ? `  ${r.note}` : ''));
for (const f of failures) console.log(`${f.suite}: FAILED — ${f.error.split('\n')[0]}`);

const result = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  quick: !!values.quick,
  rows,
  failures,
};
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${result.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));
writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2));
console.log(`\nwritten: ${file}`);
process.exit(failures.length ? 1 : 0);
