/** The assets of superset/assets bundled for Superset's import, and its REST API as the admin. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { DatasourceRole } from '../../../druid/ingestion/specs.ts';
import { REPO, run, type SupersetInstall } from './install.ts';

/** YAML in Superset's export format, with `${…}` placeholders filled in by buildAssetsBundle. */
export const SUPERSET_ASSETS_DIR = join(REPO, 'superset', 'assets');

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
