import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFile, protoFiles, protoRoot } from '../scripts/schema-files.ts';
import { generate } from '../scripts/generate.ts';
import { generateSdkWire, generateSdkWireRead, sdkWireFile, sdkWireReadFile } from '../scripts/generate-sdk-wire.ts';
import { diffSchemas, loadSchema } from './compat/index.ts';

describe('proto/schema', () => {
  it('gamepulse.v1 has no breaking change against the committed baseline', () => {
    const breaking = diffSchemas(JSON.parse(readFileSync(baselineFile, 'utf8')), loadSchema(protoRoot, protoFiles));
    expect(breaking).toEqual([]);
  });

  it('the committed generated code matches the .proto files (run `npm run proto:gen`)', () => {
    const { js, dts } = generate();
    expect(readFileSync(join(protoRoot, 'src/generated/gamepulse.js'), 'utf8') === js).toBe(true);
    expect(readFileSync(join(protoRoot, 'src/generated/gamepulse.d.ts'), 'utf8') === dts).toBe(true);
  });

  it('the committed SDK codec matches the .proto files (run `npx tsx proto/scripts/generate-sdk-wire.ts`)', () => {
    expect(readFileSync(sdkWireFile, 'utf8') === generateSdkWire()).toBe(true);
    expect(readFileSync(sdkWireReadFile, 'utf8') === generateSdkWireRead()).toBe(true);
  });
});
