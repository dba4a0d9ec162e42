#!/usr/bin/env node
/**
 * Makes a fresh clone runnable: checks Node, installs npm dependencies when
 * node_modules is missing or older than package-lock.json, and (with --browser)
 * installs Debian's Chromium for the browser tests. Plain JavaScript on purpose: it
 * runs before TypeScript tooling exists. Idempotent and quiet when nothing is needed.
 *
 *   node scripts/ensure.mjs [--browser]
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => console.error(`[ensure] ${msg}`);

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    say(`Node ${process.versions.node} is too old: gamepulse needs Node >= 20.19 (vitest 4, vite 7).`);
    process.exit(1);
  }
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return 'node_modules is missing';
  if (statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs) return 'package-lock.json changed';
  return undefined;
}

function installNpm() {
  const why = needsInstall();
  if (!why) return;
  say(`installing npm dependencies (${why}) …`);
  const started = Date.now();
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say('npm ci failed; see the output above.');
    process.exit(r.status ?? 1);
  }
  say(`npm dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export const CHROMIUM = '/usr/bin/chromium';

function installChromium() {
  if (existsSync(CHROMIUM)) return;
  say('installing Chromium from Debian (apt-get install chromium) for the browser tests …');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null`, {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
  } catch {
    say(`could not install Chromium. Install it yourself: ${sudo}apt-get install chromium`);
    process.exit(1);
  }
  say('Chromium installed');
}

checkNode();
installNpm();
if (process.argv.includes('--browser')) installChromium();
