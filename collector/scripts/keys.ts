/**
 * Keys file tool: creates the file, adds ingest and admin keys (printing the new
 * secret once; only its hash is stored), revokes and expires keys. Writes atomically
 * (temp file + rename), so a running collector picks up a complete file.
 *
 *   npx tsx collector/scripts/keys.ts init <file>
 *   npx tsx collector/scripts/keys.ts add-ingest <file> --game <gameId> --key-id <id> [--not-after <ISO>] [--signing]
 *   npx tsx collector/scripts/keys.ts add-admin <file> --games <g1,g2> --key-id <id> [--not-after <ISO>]
 *   npx tsx collector/scripts/keys.ts revoke <file> --key-id <id>
 *   npx tsx collector/scripts/keys.ts expire <file> --key-id <id> --not-after <ISO>
 *   npx tsx collector/scripts/keys.ts hash <file> <secret>      (hash an existing secret, e.g. to migrate inline keys)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adminKeyHash, ingestKeyHash } from '../src/keys/hash.ts';
import { parseKeysFile } from '../src/keys/keys-file.ts';

type Json = Record<string, unknown> & {
  salt: string;
  ingestKeys: Array<Record<string, unknown>>;
  adminKeys: Array<Record<string, unknown>>;
};

function read(file: string): Json {
  const text = readFileSync(file, 'utf8');
  const parsed = parseKeysFile(text);
  if (!parsed.ok) throw new Error(`${file} is invalid:\n  ${parsed.problems.join('\n  ')}`);
  const json = JSON.parse(text) as Json;
  json.ingestKeys ??= [];
  json.adminKeys ??= [];
  return json;
}

function write(file: string, json: Json): void {
  const parsed = parseKeysFile(JSON.stringify(json));
  if (!parsed.ok) throw new Error(`refusing to write an invalid file:\n  ${parsed.problems.join('\n  ')}`);
  writeFileSync(`${file}.tmp`, JSON.stringify(json, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

const [command, file, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    game: { type: 'string' },
    games: { type: 'string' },
    'key-id': { type: 'string' },
    'not-after': { type: 'string' },
    signing: { type: 'boolean' },
  },
});
if (!command || !file) {
  console.error('usage: keys.ts <init|add-ingest|add-admin|revoke|expire|hash> <file> [options] (see the file header)');
  process.exit(2);
}
const secret = () => randomBytes(32).toString('base64url');

switch (command) {
  case 'init': {
    if (existsSync(file)) throw new Error(`${file} exists`);
    write(file, { version: 1, salt: randomBytes(16).toString('hex'), ingestKeys: [], adminKeys: [] });
    console.log(`created ${file}`);
    break;
  }
  case 'add-ingest': {
    const json = read(file);
    const key = `gpk_${secret()}`;
    const entry: Record<string, unknown> = {
      keyId: values['key-id'],
      gameId: values.game,
      hash: ingestKeyHash(Buffer.from(json.salt, 'hex'), key),
    };
    if (values['not-after']) entry.notAfter = values['not-after'];
    let signing: string | undefined;
    if (values.signing) {
      signing = secret();
      entry.signingSecrets = [signing];
      entry.signatureRequired = true;
    }
    json.ingestKeys.push(entry);
    write(file, json);
    console.log(`ingest key ${values['key-id']} for game ${values.game}: ${key}`);
    if (signing) console.log(`signing secret (x-gamepulse-signature): ${signing}`);
    console.log('(shown once; the file stores only the hash)');
    break;
  }
  case 'add-admin': {
    const json = read(file);
    const s = secret();
    const entry: Record<string, unknown> = {
      keyId: values['key-id'],
      games: (values.games ?? '').split(',').filter(Boolean),
      hash: await adminKeyHash(s),
    };
    if (values['not-after']) entry.notAfter = values['not-after'];
    json.adminKeys.push(entry);
    write(file, json);
    console.log(`admin key: ${values['key-id']}.${s}\n(send as "authorization: Bearer <key>"; shown once)`);
    break;
  }
  case 'revoke':
  case 'expire': {
    const json = read(file);
    const hits = [...json.ingestKeys, ...json.adminKeys].filter((k) => k.keyId === values['key-id']);
    if (!hits.length) throw new Error(`no key ${values['key-id']}`);
    for (const k of hits) {
      if (command === 'revoke') k.revoked = true;
      else k.notAfter = values['not-after'];
    }
    write(file, json);
    console.log(`${command}d ${hits.length} key(s) with id ${values['key-id']}`);
    break;
  }
  case 'hash': {
    const json = read(file);
    console.log(ingestKeyHash(Buffer.from(json.salt, 'hex'), positionals[0] ?? ''));
    break;
  }
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}
