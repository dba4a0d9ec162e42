/**
 * End to end on the embedded default, with real processes: simulated players drive the
 * real SDK (HTTP and gRPC) → collector process → embedded durable log → processor
 * process → DuckDB. Some batches are delivered twice or have their acknowledgement
 * "lost" so the SDK re-sends them; the processor is killed with SIGKILL mid-stream and
 * restarted. The store's totals must equal the simulator's independent ledger exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore } from '@gamepulse/druid';
import { createRandom, createSimulator, Ledger, type LedgerTotals } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { collectorProcess, freePort, processorProcess, stopService, waitReady, type PipelinePorts, type Service } from './support/pipeline-processes.ts';
import { resending, type ResendStats } from './support/resending-transport.ts';

const KEY = 'e2e-key';
const SEED = process.env.GP_E2E_SEED ?? 'e2e-1';
const PLAYERS = 160;

type Rows = Array<Record<string, string | number | null>>;
const toMap = (rows: Rows, key: (r: Rows[number]) => string, value: string) =>
  Object.fromEntries(rows.map((r) => [key(r), Number(r[value])]));
const dropZeros = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0));

async function collectorAccepted(ports: PipelinePorts): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${ports.http}/metrics`).then((r) => r.text(), () => '');
  let n = 0;
  for (const line of text.split('\n')) if (line.startsWith('gamepulse_collector_events_accepted_total')) n += Number(line.split(' ').pop());
  return n;
}

async function totalInStore(ports: PipelinePorts): Promise<number | undefined> {
  const url = `http://127.0.0.1:${ports.query}/v1/kpis/events_by_type?granularity=all&from=0&to=${Date.now() + 86_400_000}`;
  try {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { rows: Array<{ events: number }> };
    return body.rows.reduce((n, r) => n + Number(r.events), 0);
  } catch {
    return undefined;
  }
}

describe('pipeline end to end (embedded log + DuckDB, real processes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-e2e-'));
  let ports: PipelinePorts;
  let collector: Service;
  let processor: Service;
  const ledger = new Ledger();
  const resends: ResendStats = { batches: 0, doubled: 0, ackLost: 0 };
  let expected: LedgerTotals;
  const kills: number[] = [];

  beforeAll(async () => {
    ports = { http: await freePort(), grpc: await freePort(), query: await freePort() };
    collector = collectorProcess(dataDir, ports, `${KEY}=demo:e2e`);
    await waitReady(collector, 60_000);
    processor = processorProcess(dataDir, ports, { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' });
    await waitReady(processor, 60_000);
  });

  afterAll(async () => {
    for (const s of [collector, processor]) if (s) await stopService(s, 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts every simulated event exactly once through re-sends and a processor kill -9', async () => {
    const rnd = createRandom(`${SEED}/network`);
    const sim = createSimulator({
      players: PLAYERS,
      seed: SEED,
      days: 2,
      startMs: Date.UTC(2026, 10, 20),
      concurrency: 32,
      ledger,
      createClient: (p, clock) => {
        const grpc = p.installId.endsWith('3') || p.installId.endsWith('7');
        return createNodeGamepulse({
          gameKey: KEY,
          gameId: 'demo',
          endpoint: `http://127.0.0.1:${grpc ? ports.grpc : ports.http}`,
          transport: grpc ? 'grpc' : 'http',
          installId: p.installId,
          playerId: p.playerId,
          platform: p.platform,
          build: p.build,
          country: p.country,
          locale: p.locale,
          maxBatchEvents: 40,
          clock,
          retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
          wrapTransport: (t) => resending(t, rnd, resends),
        });
      },
    });

    // Kill the processor with SIGKILL while traffic flows (after a third and after two
    // thirds of the players finished), then start it again.
    const progress = setInterval(() => {
      void collectorAccepted(ports).then((n) => console.log(`[e2e] ${JSON.stringify(sim.stats())} accepted=${n} resends=${JSON.stringify(resends)}`));
    }, 5_000);
    const chaos = (async () => {
      for (const fraction of [1 / 3, 2 / 3]) {
        while (sim.stats().playersFinished < PLAYERS * fraction) await new Promise((r) => setTimeout(r, 20));
        processor.child.kill('SIGKILL');
        await processor.exited;
        kills.push(await collectorAccepted(ports));
        processor = processorProcess(dataDir, ports, { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' });
        await waitReady(processor, 60_000);
      }
    })();

    const stats = await sim.run();
    await chaos;
    clearInterval(progress);
    expected = ledger.totals();
    expect(stats.eventsTracked).toBe(expected.events);
    expect(kills).toHaveLength(2);
    expect(resends.doubled).toBeGreaterThan(10);
    expect(resends.ackLost).toBeGreaterThan(10);

    // Wait until the processor has caught up with everything the collector accepted.
    const deadline = Date.now() + 120_000;
    let seen: number | undefined;
    while (Date.now() < deadline) {
      seen = await totalInStore(ports);
      if (seen !== undefined && seen >= expected.events) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBe(expected.events);
    // A few more commit intervals: an over-count would show up now.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await totalInStore(ports)).toBe(expected.events);
    console.log(
      `e2e seed ${SEED}: ${expected.events} events from ${expected.players} players; ` +
        `${resends.batches} batches, ${resends.doubled} sent twice, ${resends.ackLost} acks lost; processor killed at ${kills.join(', ')} accepted events`,
    );
  });

  it('stores rollups equal to the ledger, window by window and dimension by dimension', async () => {
    expect(await stopService(processor, 30_000)).toBe(0);
    const store = await openDuckDbStore({ path: join(dataDir, 'gamepulse.duckdb') });
    try {
      const q = (sql: string) => store.sql(sql) as Promise<Rows>;
      const byType = await q(`SELECT event_type, SUM(events) AS n FROM rollups GROUP BY 1`);
      expect(toMap(byType, (r) => String(r.event_type), 'n')).toEqual(expected.eventsByType);

      const byWindow = await q(`SELECT epoch_ms(window_start) AS w, SUM(events) AS n FROM rollups GROUP BY 1`);
      expect(toMap(byWindow, (r) => String(r.w), 'n')).toEqual(expected.eventsByWindow);

      const revenue = await q(`SELECT currency, SUM(amount) AS n FROM rollups WHERE event_type = 'purchase' GROUP BY 1`);
      expect(toMap(revenue, (r) => String(r.currency), 'n')).toEqual(expected.revenueByCurrency);

      const resource = await q(`SELECT action, currency, SUM(amount) AS n FROM rollups WHERE event_type = 'resource' GROUP BY 1, 2`);
      expect(toMap(resource, (r) => `${r.action}:${r.currency}`, 'n')).toEqual(expected.resourceByFlowCurrency);

      const progression = await q(`SELECT action, item, SUM(events) AS n FROM rollups WHERE event_type = 'progression' GROUP BY 1, 2`);
      expect(toMap(progression, (r) => `${r.action}:${r.item}`, 'n')).toEqual(expected.progressionByActionItem);

      const [sessions] = await q(
        `SELECT SUM(CASE WHEN event_type = 'session_start' THEN events ELSE 0 END) AS started,
                SUM(CASE WHEN event_type = 'session_end' THEN amount ELSE 0 END) AS length_ms FROM rollups`,
      );
      expect(Number(sessions!.started)).toBe(expected.sessionsStarted);
      expect(Number(sessions!.length_ms)).toBe(expected.sessionLengthMs);

      const players = await q(`SELECT epoch_ms(window_start) AS w, COUNT(DISTINCT player_id) AS n FROM player_windows GROUP BY 1`);
      expect(dropZeros(toMap(players, (r) => String(r.w), 'n'))).toEqual(expected.playersByWindow);
      const [allPlayers] = await q(`SELECT COUNT(DISTINCT player_id) AS n FROM player_windows`);
      expect(Number(allPlayers!.n)).toBe(expected.players);

      const [dead] = await q(`SELECT COUNT(*) AS n FROM dead_letters`);
      expect(Number(dead!.n)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
