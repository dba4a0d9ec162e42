/**
 * The cluster's JVMs as pid files under `<dataDir>/run/`. A pid counts as ours only if
 * the process still carries our `-Dgamepulse.druid.process=<name>` tag, so a stale pid
 * file whose number the OS handed to another program never gets that program killed.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { ClusterPaths } from './layout.ts';
import { PROCESS_TAG } from './config/jvm.ts';
import { readPid, stopPid } from '../process.ts';

export type ProcessName = 'zookeeper' | 'coordinator' | 'historical' | 'indexer' | 'broker' | 'router';

/** Reverse of the start order: queries stop first, ZooKeeper last. */
export const STOP_ORDER: ProcessName[] = ['router', 'broker', 'indexer', 'historical', 'coordinator', 'zookeeper'];

/** Pid of our running process `name`, or undefined. */
export function ourPid(paths: ClusterPaths, name: ProcessName): number | undefined {
  const pid = readPid(paths.pidFile(name));
  if (!pid) return undefined;
  const cmdline = `/proc/${pid}/cmdline`;
  // Without /proc (macOS) the liveness check is all we have.
  if (!existsSync(cmdline)) return pid;
  try {
    return readFileSync(cmdline, 'utf8').split('\0').includes(`-D${PROCESS_TAG}=${name}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SIGTERM runs Druid's lifecycle stop (unannounce, close Derby, flush) and ZooKeeper's
 * clean shutdown; SIGKILL only after `graceMs`. Returns whether something was running.
 */
export async function stopProcess(paths: ClusterPaths, name: ProcessName, graceMs: number, log: (l: string) => void): Promise<boolean> {
  const pid = ourPid(paths, name);
  rmSync(paths.pidFile(name), { force: true });
  if (!pid) return false;
  const started = Date.now();
  await stopPid(pid, graceMs);
  log(`[druid] stopped ${name} (pid ${pid}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
