/**
 * Runs druidQuerySuite alone (`npm run bench` runs it with the other suites):
 *   npx tsx druid/bench/run.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { druidQuerySuite } from './suite.ts';

const tmpDir = mkdtempSync(join(tmpdir(), 'gp-bench-druid-'));
try {
  const rows = await druidQuerySuite.run({ tmpDir, quick: process.argv.includes('--quick'), log: (l) => console.error(l) });
  console.table(rows.map((r) => ({ metric: r.metric, value: r.value, unit: r.unit, note: r.note ?? '' })));
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
process.exit(0);
