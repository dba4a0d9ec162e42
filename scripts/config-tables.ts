/**
 * Prints the configuration tables of the process READMEs, rendered by `describeConfig`
 * from the specs the processes load; each package's config test fails when its README
 * drifts from them. (The collector's, with its error codes: collector/scripts/readme-tables.ts.)
 *
 * Usage: npx tsx scripts/config-tables.ts [processor|loader|query-api|alerts]
 */
import { ALERTS_CONFIG } from '@gamepulse/alerts';
import { QUERY_API_CONFIG } from '@gamepulse/api';
import { LOADER_CONFIG } from '@gamepulse/loader';
import { PROCESSOR_CONFIG } from '@gamepulse/processor';
import { describeConfig, type ConfigSpec } from '@gamepulse/service';

const TABLES: Record<string, { spec: ConfigSpec; readme: string }> = {
  processor: { spec: PROCESSOR_CONFIG, readme: 'processor/README.md' },
  loader: { spec: LOADER_CONFIG, readme: 'loader/README.md' },
  'query-api': { spec: QUERY_API_CONFIG, readme: 'api/README.md' },
  alerts: { spec: ALERTS_CONFIG, readme: 'alerts/README.md' },
};

const wanted = process.argv.slice(2);
for (const [name, { spec, readme }] of Object.entries(TABLES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`<!-- ${name}: ${readme} "## Configuration" -->\n${describeConfig(spec)}\n`);
}
