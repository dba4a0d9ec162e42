/**
 * Finds the processes a launcher started, from Linux's /proc: the descendants of a pid
 * and, among them, the one running a given entry point with a given environment
 * variable (e.g. the processor whose GAMEPULSE_PROCESSOR_PORT is 8091). Tests use it to
 * kill -9 one service of `npm start` the way an operator (or the OOM killer) would,
 * without any help from the launcher.
 */
import { readdirSync, readFileSync } from 'node:fs';

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Parent pid from /proc/<pid>/stat ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
function parentOf(pid: number): number | undefined {
  const stat = readProc(pid, 'stat');
  if (!stat) return undefined;
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Every live descendant of `rootPid`. */
export function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const next = children.get(queue.shift()!) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

/** The live descendant of `rootPid` whose command line holds `entry` and whose environment has `name=value`. */
export function findService(rootPid: number, entry: string, env: { name: string; value: string }): number | undefined {
  return descendants(rootPid).find((pid) => {
    const cmdline = readProc(pid, 'cmdline');
    const environ = readProc(pid, 'environ');
    return !!cmdline?.includes(entry) && !!environ?.split('\0').includes(`${env.name}=${env.value}`);
  });
}

/** Whether `pid` is alive (not exited and not a zombie waiting to be reaped). */
export function isAlive(pid: number): boolean {
  const stat = readProc(pid, 'stat');
  return !!stat && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}
