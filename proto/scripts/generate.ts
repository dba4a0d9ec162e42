/**
 * Generates the code of gamepulse.v1 from the .proto files, with the repo's own
 * generators (protobufjs only parses the schema):
 *
 *   src/generated/messages.ts       every message's codec, for the services (generate-messages.ts)
 *   src/generated/sdk-wire.ts       the SDK's encoders (generate-sdk-wire.ts)
 *   src/generated/sdk-wire-read.ts  the SDK's decoders (generate-sdk-wire.ts)
 *
 * Output is committed so that nobody needs to run this to build or test; run
 * `npm run proto:gen` after editing a .proto. `--check` exits 1 when the committed
 * output is stale, and so does the unit test src/schema.test.ts.
 *
 * Usage: tsx proto/scripts/generate.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMessages, messagesFile } from './generate-messages.ts';
import { generateSdkWire, generateSdkWireRead, sdkWireFile, sdkWireReadFile } from './generate-sdk-wire.ts';
import { protoRoot } from './schema-files.ts';

/** Every generated file with the text it must have. */
export function generatedFiles(): Array<[file: string, text: string]> {
  return [
    [messagesFile, generateMessages()],
    [sdkWireFile, generateSdkWire()],
    [sdkWireReadFile, generateSdkWireRead()],
  ];
}

/** The generated files whose committed text differs from what the .proto files give (paths relative to proto/). */
export function staleFiles(): string[] {
  return generatedFiles()
    .filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
    .map(([file]) => relative(protoRoot, file));
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`stale generated code (${stale.join(', ')}): run \`npm run proto:gen\` and commit the result`);
      process.exit(1);
    }
    console.log('proto/src/generated is up to date');
  } else {
    for (const [file, text] of generatedFiles()) {
      writeFileSync(file, text);
      console.log(`wrote ${relative(protoRoot, file)} (${text.length} bytes)`);
    }
  }
}
