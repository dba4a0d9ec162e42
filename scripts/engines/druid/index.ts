/**
 * A real Apache Druid cluster on this machine for integration tests and the local
 * "Druid profile": ZooKeeper, coordinator (+ overlord), historical, indexer, broker and
 * optionally the router, each a background JVM with a pid and a log file under the
 * data dir. See DRUID.md for layout, ports and sizing.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAlive, portOpen, startBackground, waitUntil } from '../process.ts';
import { type ProcessPlan, writeClusterConfig } from './config/write.ts';
import { fetchDruid } from './fetch.ts';
import { druidHealthy, getJson, sendJson, zookeeperOk } from './http.ts';
import { type ClusterPaths, clusterPaths } from './layout.ts';
import { type DruidOptions, type ResolvedDruidOptions, resolveDruidOptions } from './options.ts';
import { type ProcessName, STOP_ORDER, ourPid, stopProcess } from './processes.ts';
import { clusterChecks, waitForChecks } from './ready.ts';

export { DEFAULT_DRUID_PORTS, type DruidOptions, type DruidPorts, resolveDruidOptions } from './options.ts';
export { DEFAULT_DRUID_VERSION } from './layout.ts';
export { type DruidFetchOptions, type DruidInstall, fetchDruid } from './fetch.ts';
export { druidSql } from './http.ts';

export interface DruidCluster {
  /** Druid SQL at `${brokerUrl}/druid/v2/sql`, native queries at `/druid/v2`. */
  brokerUrl: string;
  coordinatorUrl: string;
  /** Task and supervisor API (`/druid/indexer/v1/*`); the coordinator runs the overlord. */
  overlordUrl: string;
  /** Web console and proxy; only with `router: true`. */
  routerUrl?: string;
  /** For Superset: the router's when it runs, else the broker's. */
  sqlalchemyUri: string;
  dataDir: string;
  version: string;
  /** False when every process was already running with the same config and was reused. */
  startedHere: boolean;
  pids: Partial<Record<ProcessName, number>>;
  /** Stops every process of this cluster (same as stopDruid with the same options). */
  stop(): Promise<void>;
}

function urlOf(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** ZooKeeper must answer `ruok`; a Druid service `GET /status/health`. */
async function readiness(p: ProcessPlan): Promise<boolean> {
  return p.name === 'zookeeper' ? zookeeperOk(p.port) : druidHealthy(urlOf(p.port));
}

/**
 * Starts the cluster in the background (fetching Druid first if needed), or reuses the
 * processes already running from this data dir with the same config, and resolves once
 * every process is healthy, the overlord has a worker, the coordinator a historical and
 * the broker answers `SELECT 1`.
 */
export async function startDruid(opts: DruidOptions = {}): Promise<DruidCluster> {
  const o = resolveDruidOptions(opts);
  const started = Date.now();
  const deadline = started + o.startTimeoutMs;
  const install = await fetchDruid({ version: o.version, log: o.log });
  const paths = clusterPaths(o.dataDir);
  const config = writeClusterConfig({
    version: o.version,
    paths,
    ports: o.ports,
    router: o.router,
    lib: install.lib,
    jit: o.jit,
    extensionsDir: install.extensions,
    extensionNames: install.extensionNames,
    properties: o.properties,
  });

  const running = config.processes.filter((p) => ourPid(paths, p.name));
  const sameConfig = existsSync(paths.fingerprint) && readFileSync(paths.fingerprint, 'utf8') === config.fingerprint;
  if (running.length > 0 && !sameConfig) {
    o.log(`[druid] running processes (${running.map((p) => p.name).join(', ')}) have another config; restarting them`);
    await stopDruid(o);
  }
  // Also stops a router left from a start with `router: true` when this one has none.
  for (const name of STOP_ORDER) {
    if (!config.processes.some((p) => p.name === name)) await stopProcess(paths, name, 30_000, o.log);
  }

  let startedAny = false;
  // Pids of what this call started: a JVM that dies at once must fail the wait at once.
  const startedPids = new Map<ProcessName, number>();
  try {
    for (const p of config.processes) {
      if (ourPid(paths, p.name)) continue;
      startedPids.set(p.name, await startProcess(o, paths, p));
      startedAny = true;
      // Druid processes give up on ZooKeeper after a while: let it serve before they start.
      if (p.name === 'zookeeper') await waitReady(o, paths, p, startedPids.get(p.name), deadline);
    }
    writeFileSync(paths.fingerprint, config.fingerprint);
    for (const p of config.processes) await waitReady(o, paths, p, startedPids.get(p.name) ?? ourPid(paths, p.name), deadline);
    const urls = { coordinator: urlOf(o.ports.coordinator), broker: urlOf(o.ports.broker) };
    await waitForChecks(clusterChecks(urls), { deadline, logFile: (s) => paths.logFile(s), log: o.log });
    await useOneReplica(urls.coordinator);
  } catch (err) {
    if (startedAny) {
      o.log('[druid] start failed; stopping the processes of this cluster (logs stay in ' + paths.logs + ')');
      await stopDruid(o).catch(() => undefined);
    }
    throw err;
  }

  o.log(
    `[druid] ${startedAny ? 'cluster ready' : 'reusing running cluster'} in ${((Date.now() - started) / 1000).toFixed(1)} s: broker ${urlOf(o.ports.broker)}, coordinator/overlord ${urlOf(o.ports.coordinator)}`,
  );
  return handle(o, paths, startedAny);
}

async function startProcess(o: ResolvedDruidOptions, paths: ClusterPaths, p: ProcessPlan): Promise<number> {
  if (await portOpen(p.port)) {
    throw new Error(
      `[druid] port ${p.port} on 127.0.0.1 (for ${p.name}) is taken by a process that is not this cluster's (data dir ${o.dataDir}); stop it or pass other ports`,
    );
  }
  // Truncate: a log holds one run, so its tail explains this start.
  writeFileSync(paths.logFile(p.name), '');
  const proc = startBackground(o.javaBin, p.args, { pidFile: paths.pidFile(p.name), logFile: paths.logFile(p.name), cwd: o.dataDir });
  o.log(`[druid] started ${p.name} (pid ${proc.pid}, port ${p.port}, log ${proc.logFile})`);
  return proc.pid;
}

async function waitReady(
  o: ResolvedDruidOptions,
  paths: ClusterPaths,
  p: ProcessPlan,
  pid: number | undefined,
  deadline: number,
): Promise<void> {
  const t = Date.now();
  await waitUntil(p.name, () => readiness(p), {
    timeoutMs: Math.max(1_000, deadline - Date.now()),
    ...(pid ? { pid } : {}),
    logFile: paths.logFile(p.name),
    log: o.log,
  });
  const waited = Date.now() - t;
  if (waited > 500) o.log(`[druid] ${p.name} healthy (+${(waited / 1000).toFixed(1)} s)`);
}

/**
 * Druid's default load rule keeps 2 replicas in `_default_tier`; with one historical the
 * second can never be placed and the coordinator reports every segment under-replicated.
 */
async function useOneReplica(coordinatorUrl: string): Promise<void> {
  const want = [{ type: 'loadForever', tieredReplicants: { _default_tier: 1 } }];
  const rules = await getJson<Record<string, unknown>>(`${coordinatorUrl}/druid/coordinator/v1/rules`);
  if (JSON.stringify(rules?._default) === JSON.stringify(want)) return;
  await sendJson(`${coordinatorUrl}/druid/coordinator/v1/rules/_default`, want);
}

function handle(o: ResolvedDruidOptions, paths: ClusterPaths, startedHere: boolean): DruidCluster {
  const pids: Partial<Record<ProcessName, number>> = {};
  for (const name of STOP_ORDER) {
    const pid = ourPid(paths, name);
    if (pid) pids[name] = pid;
  }
  const brokerUrl = urlOf(o.ports.broker);
  const routerUrl = o.router ? urlOf(o.ports.router) : undefined;
  return {
    brokerUrl,
    coordinatorUrl: urlOf(o.ports.coordinator),
    overlordUrl: urlOf(o.ports.coordinator),
    ...(routerUrl ? { routerUrl } : {}),
    sqlalchemyUri: `druid://127.0.0.1:${o.router ? o.ports.router : o.ports.broker}/druid/v2/sql/`,
    dataDir: o.dataDir,
    version: o.version,
    startedHere,
    pids,
    stop: async () => {
      await stopDruid(o);
    },
  };
}

/**
 * Stops every process of the cluster in `dataDir`, one at a time in reverse start order
 * (each gets `graceMs` after SIGTERM before SIGKILL). Returns the names it stopped.
 */
export async function stopDruid(opts: DruidOptions & { graceMs?: number } = {}): Promise<ProcessName[]> {
  const o = resolveDruidOptions(opts);
  const paths = clusterPaths(o.dataDir);
  const stopped: ProcessName[] = [];
  for (const name of STOP_ORDER) {
    if (await stopProcess(paths, name, opts.graceMs ?? 30_000, o.log)) stopped.push(name);
  }
  rmSync(paths.fingerprint, { force: true });
  return stopped;
}

export interface DruidProcessStatus {
  name: ProcessName;
  pid?: number;
  port: number;
  healthy: boolean;
  logFile: string;
}

/** Which processes run and answer their health check. */
export async function druidStatus(opts: DruidOptions = {}): Promise<{ dataDir: string; processes: DruidProcessStatus[] }> {
  const o = resolveDruidOptions(opts);
  const paths = clusterPaths(o.dataDir);
  const order = [...STOP_ORDER].reverse();
  const processes = await Promise.all(
    order.map(async (name): Promise<DruidProcessStatus> => {
      const pid = ourPid(paths, name);
      const port = o.ports[name];
      const healthy = pid !== undefined && isAlive(pid) && (await readiness({ name, port, args: [] }).catch(() => false));
      return { name, ...(pid ? { pid } : {}), port, healthy, logFile: paths.logFile(name) };
    }),
  );
  return { dataDir: o.dataDir, processes };
}
