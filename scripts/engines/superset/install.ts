/**
 * The Superset install: a virtualenv of superset/requirements.txt, cached under
 * ~/.cache/gamepulse/superset/venv-<hash of the file> (a changed pin installs anew, an
 * unchanged one is reused), and the command runner the other parts use.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from '../cache.ts';
import { isAlive, sleep } from '../process.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The pinned install: every version in it was installed and run together. */
export const SUPERSET_REQUIREMENTS = join(REPO, 'superset', 'requirements.txt');

export interface SupersetInstall {
  venvDir: string;
  python: string;
  /** The `superset` CLI of the venv. */
  cli: string;
  gunicorn: string;
  /** The first 12 hex digits of requirements.txt's sha256: names the venv. */
  requirementsHash: string;
  /** False when the cached venv was reused. */
  installedHere: boolean;
}

export interface SupersetInstallOptions {
  /** Python ≥ 3.10 to build the venv with. @default GAMEPULSE_PYTHON, else the first of python3.11, python3.12, python3.10, python3 on PATH */
  python?: string;
  /** @default console.error */
  log?: (line: string) => void;
}

/**
 * The venv of superset/requirements.txt, installed once: a venv without its completion
 * marker (an install that was interrupted) is removed and installed again. The first
 * install downloads ~250 MB of wheels and takes minutes (superset/README.md).
 */
export async function ensureSuperset(options: SupersetInstallOptions = {}): Promise<SupersetInstall> {
  const log = options.log ?? ((l: string) => console.error(l));
  const requirements = readFileSync(SUPERSET_REQUIREMENTS, 'utf8');
  const hash = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  const venvDir = join(cacheRoot(), 'superset', `venv-${hash}`);
  const install: SupersetInstall = {
    venvDir,
    python: join(venvDir, 'bin', 'python'),
    cli: join(venvDir, 'bin', 'superset'),
    gunicorn: join(venvDir, 'bin', 'gunicorn'),
    requirementsHash: hash,
    installedHere: false,
  };
  const done = join(venvDir, '.gamepulse-installed');
  if (existsSync(done)) return install;

  mkdirSync(dirname(venvDir), { recursive: true });
  const release = await takeInstallLock(`${venvDir}.lock`, log);
  try {
    // Another process may have finished the install while this one waited for the lock.
    if (existsSync(done)) return install;
    rmSync(venvDir, { recursive: true, force: true });
    const python = options.python ?? (await findPython());
    const started = Date.now();
    log(`[superset] installing superset/requirements.txt into ${venvDir} (first time: downloads ~250 MB, minutes) …`);
    await run(python, ['-m', 'venv', venvDir], { log, what: 'python -m venv' });
    await run(
      install.python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', SUPERSET_REQUIREMENTS],
      {
        log,
        what: 'pip install -r superset/requirements.txt',
        // One line per package keeps the progress readable and shows where a failure was.
        progress: (line) => /^(Collecting|Successfully installed|ERROR)/.test(line),
      },
    );
    writeFileSync(done, `${new Date().toISOString()} ${requirements.length} bytes of requirements\n`);
    install.installedHere = true;
    log(`[superset] installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return install;
  } finally {
    release();
  }
}

async function findPython(): Promise<string> {
  const candidates = process.env.GAMEPULSE_PYTHON ? [process.env.GAMEPULSE_PYTHON] : ['python3.11', 'python3.12', 'python3.10', 'python3'];
  for (const candidate of candidates) {
    const version = await output(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).catch(() => undefined);
    if (!version) continue;
    const [major, minor] = version.trim().split('.').map(Number);
    if (major === 3 && minor! >= 10 && minor! <= 12) return candidate;
  }
  throw new Error(
    `[superset] no Python 3.10–3.12 found (tried ${candidates.join(', ')}); Superset 6.1 needs one: install it or set GAMEPULSE_PYTHON`,
  );
}

/** An exclusive lock file holding the owner's pid; a lock whose owner died is taken over. */
async function takeInstallLock(file: string, log: (line: string) => void): Promise<() => void> {
  let reported = false;
  while (true) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!reported) log(`[superset] waiting for the install of process ${owner} to finish …`);
      reported = true;
      await sleep(2_000);
    }
  }
}

/** Runs a command to its end; fails with the output's tail. `progress` picks the lines logged as it runs. */
export function run(
  cmd: string,
  args: string[],
  o: { env?: NodeJS.ProcessEnv; log?: (line: string) => void; what: string; progress?: (line: string) => boolean },
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let partial = '';
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 60) tail.shift();
        if (o.progress?.(line)) o.log?.(`[superset] ${line.slice(0, 200)}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (err) => reject(new Error(`[superset] ${o.what}: cannot run ${cmd}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (partial) tail.push(partial);
      if (code === 0) resolvePromise();
      else reject(new Error(`[superset] ${o.what} failed (exit ${code ?? signal}):\n${tail.join('\n')}`));
    });
  });
}

function output(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolvePromise(text) : reject(new Error(`${cmd} exit ${code}`))));
  });
}
