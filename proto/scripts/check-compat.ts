/**
 * Fails (exit 1) when the schema in proto/gamepulse/v1 breaks compatibility with the
 * committed baseline (proto/baseline/gamepulse.v1.json). After an intended, compatible
 * change (e.g. a new field), refresh the baseline: `npm run proto:check -- --update`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { diffSchemas, loadSchema, type SchemaJson } from '../src/compat/index.ts';
import { baselineFile, protoFiles, protoRoot } from './schema-files.ts';

const current = loadSchema(protoRoot, protoFiles);
if (process.argv.includes('--init') && !existsSync(baselineFile)) {
  writeFileSync(baselineFile, JSON.stringify(current, null, 2) + '\n');
  console.log(`baseline created: ${baselineFile}`);
  process.exit(0);
}
const breaking = diffSchemas(JSON.parse(readFileSync(baselineFile, 'utf8')) as SchemaJson, current);
if (breaking.length) {
  console.error(`gamepulse.v1: ${breaking.length} breaking change(s) against ${baselineFile}:`);
  for (const b of breaking) console.error(`  ${b.path}: ${b.problem}`);
  console.error('Add a new field or a v2 package instead; reserve numbers of removed fields.');
  process.exit(1);
}
if (process.argv.includes('--update')) {
  writeFileSync(baselineFile, JSON.stringify(current, null, 2) + '\n');
  console.log(`baseline updated: ${baselineFile}`);
} else console.log('gamepulse.v1 is compatible with the baseline');
