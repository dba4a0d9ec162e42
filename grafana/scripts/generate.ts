/**
 * Writes grafana/dashboards/*.json from the specs in grafana/src/dashboards/
 * (`npm run -w @gamepulse/grafana build`, or `npx tsx grafana/scripts/generate.ts`);
 * `--check` writes nothing and exits 1 when a committed file differs from what the specs give.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDashboards } from '../builders/index.ts';

const DIR = join(import.meta.dirname, '..', 'dashboards');
const check = process.argv.includes('--check');
const files = renderDashboards();
let stale = 0;
for (const [file, text] of files) {
  const path = join(DIR, file);
  const same = existsSync(path) && readFileSync(path, 'utf8') === text;
  if (same) continue;
  stale++;
  if (check) console.error(`grafana/dashboards/${file} differs from its spec`);
  else {
    writeFileSync(path, text);
    console.info(`wrote grafana/dashboards/${file}`);
  }
}
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && !files.has(f))) {
  stale++;
  if (check) console.error(`grafana/dashboards/${file} has no spec`);
  else {
    rmSync(join(DIR, file));
    console.info(`removed grafana/dashboards/${file}`);
  }
}
if (check && stale > 0) process.exit(1);
if (!check && stale === 0) console.info('grafana/dashboards/ is up to date');
