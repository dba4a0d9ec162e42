#!/usr/bin/env node
/**
 * `npm start`: installs what is missing, then runs the whole pipeline on the embedded
 * default (scripts/start/main.ts). Arguments pass through: `npm start -- --help`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ensure = spawnSync(process.execPath, [join(root, 'scripts/ensure.mjs')], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start/main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the whole foreground process group; the child handles it and exits.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
