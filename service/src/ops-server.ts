/**
 * Health, readiness and metrics over HTTP:
 *   GET /healthz  200 while the process runs (liveness: restart me if this fails)
 *   GET /readyz   200 when dependencies answer, 503 with the reason otherwise
 *                 (readiness: send me traffic); 503 as soon as shutdown starts
 *   GET /metrics  Prometheus text format
 * `handleOps` can be mounted into an existing server; `startOpsServer` serves it alone.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<{ ok: boolean; detail: string }>;
}

export interface OpsOptions {
  registry: Registry;
  checks: ReadinessCheck[];
  /** True once shutdown began: readiness turns 503 so load balancers stop routing. */
  isDraining?: () => boolean;
}

async function readiness(opts: OpsOptions): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  if (opts.isDraining?.()) return { ok: false, body: { status: 'draining' } };
  const results = await Promise.all(
    opts.checks.map(async (c) => {
      try {
        return { name: c.name, ...(await c.check()) };
      } catch (err) {
        return { name: c.name, ok: false, detail: (err as Error).message };
      }
    }),
  );
  const ok = results.every((r) => r.ok);
  return { ok, body: { status: ok ? 'ready' : 'not ready', checks: results } };
}

/** Serves the ops routes; returns false for any other path so the caller can go on. */
export function handleOps(opts: OpsOptions, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return true;
  }
  if (path === '/readyz') {
    void readiness(opts).then(({ ok, body }) => {
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    return true;
  }
  if (path === '/metrics') {
    void opts.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(err.message),
    );
    return true;
  }
  return false;
}

export interface OpsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(opts: OpsOptions & { port: number; host?: string }): Promise<OpsServer> {
  const server = createServer((req, res) => {
    if (!handleOps(opts, req, res)) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
