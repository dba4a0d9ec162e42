/**
 * Prints the README's generated tables (error codes and configuration) so the docs are
 * written from the same tables the code uses; `src/readme.test.ts` fails when the
 * README drifts from them.
 *
 * Usage: npx tsx collector/scripts/readme-tables.ts
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describeConfig } from '@gamepulse/service';
import { COLLECTOR_CONFIG } from '../src/config.ts';
import { ERRORS, type ErrorSpec } from '../src/errors.ts';

export function errorTable(): string {
  const lines = ['| code | HTTP | gRPC | retryable | meaning |', '|---|---|---|---|---|'];
  for (const [code, spec] of Object.entries(ERRORS) as Array<[string, ErrorSpec]>) {
    lines.push(`| \`${code}\` | ${spec.httpStatus} | ${GrpcStatus[spec.grpcStatus]} | ${spec.retryable ? 'yes' : 'no'} | ${spec.message} |`);
  }
  return lines.join('\n');
}

export function configTable(): string {
  return describeConfig(COLLECTOR_CONFIG);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  console.log(`## Error codes\n\n${errorTable()}\n\n## Configuration\n\n${configTable()}`);
}
