/**
 * Writes grafana/dashboards/*.json and grafana/README.md's panel tables from the specs in
 * grafana/builders/ (`npm run -w @gamepulse/grafana build`, or
 * `npx tsx grafana/scripts/generate.ts`); `--check` writes nothing and exits 1 when a
 * committed file differs from what the specs give.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDashboards, renderPanelTables, withPanelTables } from '../builders/index.ts';

const GRAFANA = join(import.meta.dirname, '..');
const DIR = join(GRAFANA, 'dashboards');
const README = join(GRAFANA, 'README.md');
const check = process.argv.includes('--check');
let stale = 0;

function put(path: string, text: string, what: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  stale++;
  if (check) console.error(`${what} differs from the specs`);
  else {
    writeFileSync(path, text);
    console.info(`wrote ${what}`);
  }
}

const files = renderDashboards();
for (const [file, text] of files) put(join(DIR, file), text, `grafana/dashboards/${file}`);
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && !files.has(f))) {
  stale++;
  if (check) console.error(`grafana/dashboards/${file} has no spec`);
  else {
    rmSync(join(DIR, file));
    console.info(`removed grafana/dashboards/${file}`);
  }
}
put(README, withPanelTables(readFileSync(README, 'utf8'), renderPanelTables()), 'grafana/README.md (panel tables)');
if (check && stale > 0) process.exit(1);
if (!check && stale === 0) console.info('grafana/ is up to date');
