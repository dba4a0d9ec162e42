import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineFile, protoFiles, protoRoot } from '../scripts/schema-files.ts';
import { staleFiles } from '../scripts/generate.ts';
import { diffSchemas, loadSchema, type SchemaJson } from './compat/index.ts';

describe('proto/schema', () => {
  it('gamepulse.v1 has no breaking change against the committed baseline', () => {
    const breaking = diffSchemas(JSON.parse(readFileSync(baselineFile, 'utf8')) as SchemaJson, loadSchema(protoRoot, protoFiles));
    expect(breaking).toEqual([]);
  });

  it('the committed generated code — server codec and SDK codec — matches the .proto files (run `npm run proto:gen`)', () => {
    expect(staleFiles()).toEqual([]);
  });
});
