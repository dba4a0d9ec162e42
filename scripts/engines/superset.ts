/**
 * Apache Superset on the gamepulse Druid datasources, for `npm start -- --druid --superset`
 * and the integration test: a virtualenv installed from superset/requirements.txt (cached
 * under ~/.cache/gamepulse/superset/venv-<hash of the file>, so a changed pin installs
 * anew and an unchanged one is reused), SQLite metadata in a data dir, an admin user, the
 * assets of superset/assets/ (Druid connection, datasets, charts, "Live ops" dashboard)
 * imported through Superset's REST API, and gunicorn serving it on a port; start returns
 * once `/health` answers and the import succeeded. superset/README.md tells the why of
 * each pin and the measured install and start times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasourceNames, type DatasourceRole } from '../../druid/ingestion/specs.ts';
import { cacheRoot } from './cache.ts';
import { isAlive, portOpen, sleep, waitUntil } from './process.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The pinned install: every version in it was installed and run together. */
export const SUPERSET_REQUIREMENTS = join(REPO, 'superset', 'requirements.txt');
/** YAML in Superset's export format, with `${…}` placeholders filled in by buildAssetsBundle. */
export const SUPERSET_ASSETS_DIR = join(REPO, 'superset', 'assets');

/** The local-only admin of a fresh install; override with GAMEPULSE_SUPERSET_USER / GAMEPULSE_SUPERSET_PASSWORD. */
export const DEFAULT_SUPERSET_ADMIN = { username: 'admin', password: 'admin' } as const;
export const DEFAULT_SUPERSET_PORT = 8088;

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

export interface SupersetOptions extends SupersetInstallOptions {
  /** The Druid connection as pydruid's dialect takes it, e.g. `druid://127.0.0.1:18888/druid/v2/sql/`. */
  druidSqlalchemyUri: string;
  /** Druid datasources the datasets read. @default the names in druid/ingestion (gamepulse_rollups, …) */
  datasources?: Partial<Record<DatasourceRole, string>>;
  /** HTTP port on 127.0.0.1. @default 8088 */
  port?: number;
  /** Metadata DB (SQLite), secret key, config and log. @default `.data/superset` in the repo */
  dataDir?: string;
  /** The admin created on a fresh data dir and used for the import. @default GAMEPULSE_SUPERSET_USER / GAMEPULSE_SUPERSET_PASSWORD, else admin / admin */
  admin?: { username: string; password: string };
  /** How long the server may take to answer `/health`. @default 300_000 */
  startTimeoutMs?: number;
  /** Deadline of stop's SIGTERM before a SIGKILL. @default 15_000 */
  stopGraceMs?: number;
}

export interface SupersetHandle {
  /** e.g. `http://127.0.0.1:8088`; the dashboard is at `${url}/superset/dashboard/live-ops/`. */
  url: string;
  dashboardUrl: string;
  admin: { username: string; password: string };
  pid: number;
  dataDir: string;
  logFile: string;
  install: SupersetInstall;
  /** SIGTERM to gunicorn's process group, then SIGKILL after the grace period. Safe to call twice. */
  stop(): Promise<void>;
}

/** The imported dashboard's slug (superset/assets/dashboards/). */
export const LIVE_OPS_SLUG = 'live-ops';

export async function startSuperset(options: SupersetOptions): Promise<SupersetHandle> {
  const log = options.log ?? ((l: string) => console.error(l));
  const install = await ensureSuperset(options);
  const port = options.port ?? DEFAULT_SUPERSET_PORT;
  const dataDir = resolve(options.dataDir ?? join(REPO, '.data', 'superset'));
  const admin = options.admin ?? {
    username: process.env.GAMEPULSE_SUPERSET_USER ?? DEFAULT_SUPERSET_ADMIN.username,
    password: process.env.GAMEPULSE_SUPERSET_PASSWORD ?? DEFAULT_SUPERSET_ADMIN.password,
  };
  if (await portOpen(port))
    throw new Error(`[superset] port ${port} on 127.0.0.1 is taken; stop what listens there or choose another port`);
  mkdirSync(dataDir, { recursive: true });
  const env = supersetEnv(dataDir);
  const logFile = join(dataDir, 'superset.log');

  // Schema, admin and roles once per data dir and install; `db upgrade` alone costs ~40 s.
  const initialised = join(dataDir, `initialised-${install.requirementsHash}`);
  if (!existsSync(initialised)) {
    const t0 = Date.now();
    log(`[superset] initialising the metadata DB in ${dataDir} (db upgrade, admin "${admin.username}", roles) …`);
    await run(install.cli, ['db', 'upgrade'], { env, log, what: 'superset db upgrade' });
    await run(
      install.cli,
      [
        'fab',
        'create-admin',
        '--username',
        admin.username,
        '--password',
        admin.password,
        '--firstname',
        'Live',
        '--lastname',
        'Ops',
        '--email',
        `${admin.username}@localhost`,
      ],
      { env, log, what: 'superset fab create-admin' },
    );
    await run(install.cli, ['init'], { env, log, what: 'superset init' });
    writeFileSync(initialised, new Date().toISOString());
    log(`[superset] initialised in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  const out = openSync(logFile, 'a');
  // gthread: one worker process (memory), threads for the dashboard's parallel chart requests.
  const child = spawn(
    install.gunicorn,
    [
      '--bind',
      `127.0.0.1:${port}`,
      '--worker-class',
      'gthread',
      '--workers',
      '1',
      '--threads',
      '8',
      '--timeout',
      '120',
      'superset.app:create_app()',
    ],
    { env, cwd: dataDir, stdio: ['ignore', out, out], detached: true },
  );
  closeSync(out);
  const exited = new Promise<void>((r) => {
    child.once('exit', () => r());
    child.once('error', () => r());
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = once(() => terminate(child, exited, options.stopGraceMs ?? 15_000));
  try {
    if (!child.pid) throw new Error(`[superset] cannot start ${install.gunicorn}`);
    const t0 = Date.now();
    await waitUntil('superset', async () => (await fetch(`${url}/health`)).status === 200, {
      timeoutMs: options.startTimeoutMs ?? 300_000,
      pid: child.pid,
      logFile,
      log,
    });
    log(`[superset] serving at ${url} after ${((Date.now() - t0) / 1000).toFixed(0)} s; importing superset/assets …`);
    const session = await SupersetSession.login(url, admin);
    const bundle = await buildAssetsBundle(install, {
      druidSqlalchemyUri: options.druidSqlalchemyUri,
      datasources: { ...datasourceNames(), ...options.datasources },
    });
    await session.importAssets(bundle);
  } catch (err) {
    await terminate(child, exited, 0);
    throw err;
  }
  return { url, dashboardUrl: `${url}/superset/dashboard/${LIVE_OPS_SLUG}/`, admin, pid: child.pid, dataDir, logFile, install, stop };
}

/** SUPERSET_CONFIG_PATH → a config in the data dir (SQLite metadata, a secret key made once). */
function supersetEnv(dataDir: string): NodeJS.ProcessEnv {
  const keyFile = join(dataDir, 'secret_key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const configFile = join(dataDir, 'superset_config.py');
  writeFileSync(
    configFile,
    [
      '# Written by scripts/engines/superset.ts on every start: local use only.',
      `SECRET_KEY = open(${JSON.stringify(keyFile)}).read().strip()`,
      `SQLALCHEMY_DATABASE_URI = ${JSON.stringify(`sqlite:///${join(dataDir, 'superset.db')}`)}`,
      // Druid's broker answers in seconds; a query that takes longer is a real problem.
      'SQLLAB_TIMEOUT = 120',
      'SUPERSET_WEBSERVER_TIMEOUT = 120',
      // A local demo: the Talisman CSP warning is noise here.
      'CONTENT_SECURITY_POLICY_WARNING = False',
      '',
    ].join('\n'),
  );
  return { ...process.env, SUPERSET_CONFIG_PATH: configFile, SUPERSET_HOME: dataDir, FLASK_APP: 'superset', PYTHONUNBUFFERED: '1' };
}

export interface AssetsBundleOptions {
  druidSqlalchemyUri: string;
  datasources: Record<DatasourceRole, string>;
  /** @default superset/assets */
  assetsDir?: string;
}

/**
 * The ZIP Superset's import takes: every file of superset/assets under one root folder,
 * with `${druidSqlalchemyUri}` and `${rollups}`, `${players}`, `${playerDays}`, `${steps}`
 * (datasource names) filled in. Zipped by the venv's Python (`python -m zipfile`).
 */
export async function buildAssetsBundle(install: SupersetInstall, o: AssetsBundleOptions): Promise<Buffer> {
  const source = o.assetsDir ?? SUPERSET_ASSETS_DIR;
  const values: Record<string, string> = { druidSqlalchemyUri: o.druidSqlalchemyUri, ...o.datasources };
  const work = mkdtempSync(join(tmpdir(), 'gp-superset-assets-'));
  try {
    const root = join(work, 'gamepulse_live_ops');
    for (const file of filesUnder(source)) {
      const text = readFileSync(file, 'utf8').replace(/\$\{(\w+)\}/g, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`[superset] ${relative(REPO, file)}: no value for ${whole}`);
        return value;
      });
      const target = join(root, relative(source, file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const zip = join(work, 'bundle.zip');
    await run(install.python, ['-m', 'zipfile', '-c', zip, root], { what: 'python -m zipfile' });
    return readFileSync(zip);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Superset's REST API as the admin: a JWT from `/api/v1/security/login` and, for writes,
 * the CSRF token with the session cookie it belongs to.
 */
export class SupersetSession {
  private csrf: { token: string; cookie: string } | undefined;

  private constructor(
    readonly url: string,
    private readonly accessToken: string,
  ) {}

  static async login(url: string, admin: { username: string; password: string }): Promise<SupersetSession> {
    const res = await fetch(`${url}/api/v1/security/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin.username, password: admin.password, provider: 'db', refresh: false }),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`[superset] login as ${admin.username} → ${res.status}: ${body.slice(0, 500)}`);
    return new SupersetSession(url, (JSON.parse(body) as { access_token: string }).access_token);
  }

  async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, JSON.stringify(body), { 'content-type': 'application/json' });
  }

  /** `/api/v1/assets/import/`: databases, datasets, charts and dashboards, overwriting what the bundle names. */
  async importAssets(bundle: Buffer): Promise<void> {
    const form = new FormData();
    form.append('bundle', new Blob([new Uint8Array(bundle)], { type: 'application/zip' }), 'gamepulse_live_ops.zip');
    await this.send('POST', '/api/v1/assets/import/', form);
  }

  private async send<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
    const write = method !== 'GET';
    if (write) this.csrf ??= await this.csrfToken();
    const res = await fetch(`${this.url}${path}`, {
      method,
      body,
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        ...(write ? { 'x-csrftoken': this.csrf!.token, cookie: this.csrf!.cookie, referer: this.url } : {}),
        ...headers,
      },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`[superset] ${method} ${path} → ${res.status}: ${text.slice(0, 2000)}`);
    return JSON.parse(text) as T;
  }

  private async csrfToken(): Promise<{ token: string; cookie: string }> {
    const res = await fetch(`${this.url}/api/v1/security/csrf_token/`, { headers: { authorization: `Bearer ${this.accessToken}` } });
    const text = await res.text();
    if (!res.ok) throw new Error(`[superset] GET /api/v1/security/csrf_token/ → ${res.status}: ${text.slice(0, 500)}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    return { token: (JSON.parse(text) as { result: string }).result, cookie };
  }
}

/** Runs a command to its end; fails with the output's tail. `progress` picks the lines logged as it runs. */
function run(
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

/** gunicorn runs in its own process group (detached): the signal reaches the master and its workers. */
async function terminate(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
