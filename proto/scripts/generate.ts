/**
 * Generates static TypeScript-typed code for gamepulse.v1 with protobufjs-cli (pure
 * JavaScript: no protoc needed). Output is committed so that nobody needs to run this
 * to build or test; `npm run proto:gen` after editing a .proto, and the test
 * `generated.test.ts` fails when the committed output is stale.
 *
 * Usage: tsx proto/scripts/generate.ts [--check]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { protoFiles, protoRoot } from './schema-files.ts';
import { generateSdkWire, generateSdkWireRead, sdkWireFile, sdkWireReadFile } from './generate-sdk-wire.ts';

const outJs = join(protoRoot, 'src/generated/gamepulse.js');
const outDts = join(protoRoot, 'src/generated/gamepulse.d.ts');

function pbjsBin(): string {
  // Resolve the CLI from this workspace so the script works from any cwd.
  return join(protoRoot, '..', 'node_modules', '.bin', 'pbjs');
}

/** Runs pbjs into a temp dir and returns the generated files' text. */
export function generate(): { js: string; dts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gp-proto-'));
  try {
    const js = join(dir, 'gamepulse.js');
    execFileSync(
      pbjsBin(),
      [
        '-t', 'static-module',
        '-w', 'esm',
        '--force-number', // every int64 here is a count, a time in ms or minor units: < 2^53
        '--no-verify', // validation lives in src/validation with stable error codes
        '--no-delimited',
        '--no-typeurl',
        '--no-service', // gRPC service is served by @grpc/grpc-js with our own (de)serializers
        '-p', protoRoot,
        '-d',
        '-o', js,
        ...protoFiles.map((f) => join(protoRoot, f)),
      ],
      { cwd: protoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    // pbjs's ESM wrapper imports "protobufjs/minimal" without an extension, which Node's
    // ESM resolver rejects for a package without an exports map entry; pin the file.
    // With --force-number no type refers to Long, and `long` is not a dependency of ours.
    const fix = (s: string) =>
      s
        .replace(/from "protobufjs\/minimal"/g, 'from "protobufjs/minimal.js"')
        .replace(/^import Long = require\("long"\);\n/m, '');
    return {
      js: fix(readFileSync(js, 'utf8')),
      dts: fix(readFileSync(join(dir, 'gamepulse.d.ts'), 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { js, dts } = generate();
  if (process.argv.includes('--check')) {
    const stale =
      readFileSync(outJs, 'utf8') !== js ||
      readFileSync(outDts, 'utf8') !== dts ||
      readFileSync(sdkWireFile, 'utf8') !== generateSdkWire() ||
      readFileSync(sdkWireReadFile, 'utf8') !== generateSdkWireRead();
    if (stale) {
      console.error('proto/src/generated is stale: run `npm run proto:gen` and commit the result');
      process.exit(1);
    }
    console.log('proto/src/generated is up to date');
  } else {
    writeFileSync(outJs, js);
    writeFileSync(outDts, dts);
    // The SDK's codec (generated/sdk-wire.ts, sdk-wire-read.ts) comes from the same .proto files.
    writeFileSync(sdkWireFile, generateSdkWire());
    writeFileSync(sdkWireReadFile, generateSdkWireRead());
    console.log(`wrote ${outJs} (${js.length} bytes), ${outDts}, ${sdkWireFile} and ${sdkWireReadFile}`);
  }
}
