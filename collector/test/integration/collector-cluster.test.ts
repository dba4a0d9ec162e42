/**
 * Cluster mode on the embedded log, as real processes: `apps/src/collector.ts` with
 * GAMEPULSE_COLLECTOR_WORKERS=2 (a primary owning the log, two workers sharing the
 * ports and appending through it over IPC). Traffic over HTTP, WebSocket and gRPC
 * Stream; then the whole process group is killed with SIGKILL mid-traffic, and the log
 * is opened from disk: every event acknowledged before the kill must be there
 * (ack-after-durable across processes). A second run drains on SIGTERM and exits 0.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestedBatch } from '@gamepulse/proto';
import { openEmbeddedLog, topicNames } from '@gamepulse/log';
import { startService, stopService, waitReady, type Service } from '../../../scripts/start/services.ts';
import { batch, encodeBatch, validEvent } from '../../src/testing/batches.ts';
import { openStream, openWs } from '../../src/testing/clients.ts';
import { freePort, readTopic, until } from '@gamepulse/testkit';

const ROOT = resolve(import.meta.dirname, '../../..');
const KEY = 'cl-key';

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function startCluster(dir: string, ports: { http: number; grpc: number }): Promise<Service> {
  const s = startService(
    'collector-cluster',
    'apps/src/collector.ts',
    {
      GAMEPULSE_COLLECTOR_WORKERS: '2',
      GAMEPULSE_LOG_DIR: join(dir, 'log'),
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(ports.http),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(ports.grpc),
      GAMEPULSE_COLLECTOR_KEYS: `${KEY}=demo:cl`,
      GAMEPULSE_COLLECTOR_GEOIP: 'false',
      GAMEPULSE_COLLECTOR_RATE_LIMIT_PLAYER_EVENTS_PER_S: '0',
    },
    `http://127.0.0.1:${ports.http}/readyz`,
    join(dir, 'logs'),
    ROOT,
  );
  await waitReady(s, 60_000);
  // Both workers up (the primary logs "collector started" once they reported ready).
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !readFileSync(s.logFile, 'utf8').includes('"workers":2')) await new Promise((r) => setTimeout(r, 100));
  return s;
}

/** Sends batches of fresh events over three transports until stopped; records what was acked. */
function traffic(ports: { http: number; grpc: number }, acked: Set<string>) {
  let stop = false;
  let n = 0;
  const nextEvents = (id: string) => Array.from({ length: 5 }, () => validEvent(id, ++n, { clientTsMs: Date.now() }));
  const http = async (w: number) => {
    let seq = 0;
    while (!stop) {
      const id = `http-${w}`;
      const ev = nextEvents(id);
      try {
        const res = await fetch(`http://127.0.0.1:${ports.http}/v1/batch`, {
          method: 'POST',
          body: new Uint8Array(encodeBatch(batch(id, ev, { batchSequence: ++seq }))),
          headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': KEY, accept: 'application/json' },
        });
        if (res.status === 200) for (const e of ev) acked.add(e.eventId!);
        else await res.arrayBuffer();
      } catch {
        return; // the collector is gone
      }
    }
  };
  const ws = async () => {
    const c = await openWs(`ws://127.0.0.1:${ports.http}/v1/ws?key=${KEY}`);
    let seq = 0;
    while (!stop && c.ws.readyState === c.ws.OPEN) {
      const ev = nextEvents('ws');
      c.send(encodeBatch(batch('ws', ev, { batchSequence: ++seq })));
      const before = c.replies.length;
      try {
        const replies = await c.waitReplies(before + 1, 5_000);
        if (replies[before]!.ack) for (const e of ev) acked.add(e.eventId!);
      } catch {
        return;
      }
    }
    c.ws.terminate();
  };
  const grpc = async () => {
    const s = openStream(`127.0.0.1:${ports.grpc}`, KEY);
    let seq = 0;
    let open = true;
    void s.status.then(() => (open = false));
    while (!stop && open) {
      const ev = nextEvents('gs');
      s.call.write(encodeBatch(batch('gs', ev, { batchSequence: ++seq })));
      const before = s.replies.length;
      try {
        const replies = await s.waitReplies(before + 1, 5_000);
        if (replies[before]!.ack) for (const e of ev) acked.add(e.eventId!);
      } catch {
        break;
      }
    }
    s.close();
  };
  const done = Promise.all([...Array.from({ length: 6 }, (_, w) => http(w)), ws(), grpc()]);
  return {
    stop: async () => {
      stop = true;
      await done;
    },
    done,
  };
}

async function loggedEventIds(dir: string): Promise<string[]> {
  const log = await openEmbeddedLog({ dir: join(dir, 'log') });
  try {
    return (await readTopic(log, topicNames('gamepulse').events)).flatMap((r) =>
      IngestedBatch.decode(r.value).events.map((e) => e.eventId ?? ''),
    );
  } finally {
    await log.close();
  }
}

describe('collector cluster mode (2 workers, the primary owns the embedded log)', () => {
  const dirs: string[] = [];
  const started: Service[] = [];
  afterAll(async () => {
    // A failed assertion must not leave a cluster running: kill what is still alive.
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) process.kill(-s.child.pid!, 'SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('every batch acked before a SIGKILL of the whole process group is in the log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gp-cluster-'));
    dirs.push(dir);
    const ports = { http: await freePort(), grpc: await freePort() };
    const s = await startCluster(dir, ports);
    started.push(s);
    expect(children(s.child.pid!)).toHaveLength(2);
    const acked = new Set<string>();
    const t = traffic(ports, acked);
    await until(
      () => acked.size >= 2_000,
      () => `2,000 acked events (have ${acked.size})`,
      { timeoutMs: 120_000, everyMs: 20 },
    );
    // /metrics sums both workers: accepted events ≥ what we saw acked before the scrape.
    const ackedBeforeScrape = acked.size;
    const metrics = await (await fetch(`http://127.0.0.1:${ports.http}/metrics`)).text();
    const accepted = metrics
      .split('\n')
      .filter((l) => l.startsWith('gamepulse_collector_events_accepted_total'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    expect(accepted).toBeGreaterThanOrEqual(ackedBeforeScrape);
    const snapshot = new Set(acked);
    process.kill(-s.child.pid!, 'SIGKILL');
    await s.exited;
    await t.stop();
    const logged = new Set(await loggedEventIds(dir));
    const missing = [...acked].filter((id) => !logged.has(id));
    expect(missing).toEqual([]);
    expect(snapshot.size).toBeGreaterThanOrEqual(2_000);
    console.log(
      `[cluster] ${acked.size} events acked before SIGKILL, all ${logged.size >= acked.size ? 'present' : 'MISSING'} in the log (${logged.size} logged)`,
    );
  });

  it('SIGTERM drains both workers (in-flight batches answered), flushes and exits 0; the log has every acked event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gp-cluster-'));
    dirs.push(dir);
    const ports = { http: await freePort(), grpc: await freePort() };
    const s = await startCluster(dir, ports);
    started.push(s);
    const acked = new Set<string>();
    const t = traffic(ports, acked);
    await until(
      () => acked.size >= 1_000,
      () => `1,000 acked events (have ${acked.size})`,
      { timeoutMs: 120_000, everyMs: 20 },
    );
    expect(await stopService(s, 30_000)).toBe(0);
    await t.stop();
    const logged = new Set(await loggedEventIds(dir));
    expect([...acked].filter((id) => !logged.has(id))).toEqual([]);
    const lines = readFileSync(s.logFile, 'utf8');
    expect(lines).toContain('"msg":"shutdown complete"');
    expect(lines).not.toContain('"level":"error"');
  });
});
