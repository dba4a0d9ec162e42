/**
 * Prints the README's generated tables (error codes and configuration) so the docs are
 * written from the same tables the code uses. test/architecture/error-codes.test.ts
 * fails when the error table drifts, `src/readme.test.ts` when the configuration does.
 *
 * Usage: npx tsx collector/scripts/readme-tables.ts
 */
import { describeConfig, errorTableMarkdown } from '@gamepulse/service';
import { COLLECTOR_CONFIG } from '../src/config.ts';
import { COLLECTOR_ERRORS } from '../src/errors.ts';

export function errorTable(): string {
  return errorTableMarkdown(Object.values(COLLECTOR_ERRORS));
}

export function configTable(): string {
  return describeConfig(COLLECTOR_CONFIG);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  console.log(`## Error codes\n\n${errorTable()}\n\n## Configuration\n\n${configTable()}`);
}
