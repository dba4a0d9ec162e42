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
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { datasourceNames, type DatasourceRole } from '../../../druid/ingestion/specs.ts';
import { portOpen, waitUntil } from '../process.ts';
import { buildAssetsBundle, SupersetSession } from './assets.ts';
import { ensureSuperset, REPO, run, type SupersetInstall, type SupersetInstallOptions } from './install.ts';

export { ensureSuperset, SUPERSET_REQUIREMENTS, type SupersetInstall, type SupersetInstallOptions } from './install.ts';
export { buildAssetsBundle, SupersetSession, SUPERSET_ASSETS_DIR, type AssetsBundleOptions } from './assets.ts';

/** The local-only admin of a fresh install; override with GAMEPULSE_SUPERSET_USER / GAMEPULSE_SUPERSET_PASSWORD. */
export const DEFAULT_SUPERSET_ADMIN = { username: 'admin', password: 'admin' } as const;
export const DEFAULT_SUPERSET_PORT = 8088;

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
      '# Written by scripts/engines/superset/ on every start: local use only.',
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
