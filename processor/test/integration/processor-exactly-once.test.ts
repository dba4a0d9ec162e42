/**
 * Exactly-once, end to end on the real engines: the embedded log (written by this test
 * as the collector would, read by the processor read-only from another process) and
 * the DuckDB store. The processor runs as a real process and is SIGKILLed while it
 * holds folded but uncommitted rollups; a second process resumes from the store's
 * checkpoint while the writer keeps appending. Afterwards the store's totals must equal,
 * exactly, the totals computed here from the unique batches — despite re-sent batches
 * at various positions, a poison record, and the crash.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDbStore } from '@gamepulse/store';
import { openEmbeddedLog, topicNames, type EmbeddedLog } from '@gamepulse/log';
import { IngestedBatch } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@gamepulse/testkit';
import { startProcessorChild, total, type ProcessorChild } from '../support/child.ts';
import { storeTotals } from '../support/store-totals.ts';
import { generateTraffic, groundTruth, POISON_BYTES, type TrafficRecord } from '../support/traffic.ts';

const topics = topicNames('itest');
const PARTITIONS = 4;

/** Probes read a child's /metrics, which may not answer yet. */
const SLOW = { timeoutMs: 120_000, everyMs: 50, retryErrors: true } as const;

async function append(log: EmbeddedLog, records: TrafficRecord[]): Promise<void> {
  const res = await log.producer().append(
    topics.events,
    records.map((r) => ({ key: r.key, value: r.value })),
  );
  if (!res.ok) throw new Error(`append failed: ${res.code} ${res.message}`);
}

const num = (v: unknown) => Number(v);

describe('processor/test/integration/processor-exactly-once', () => {
  let dir: string;
  let writer: EmbeddedLog | undefined;
  const children: ProcessorChild[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gp-processor-eo-'));
  });

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await writer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('survives SIGKILL with uncommitted work and ends with totals equal to the ground truth', async () => {
    const traffic = generateTraffic({ seed: 20250115, installs: 80, batchesPerInstall: 10, duplicateShare: 0.2, poison: 1 });
    const duplicates = traffic.records.filter((r) => r.kind === 'duplicate').length;
    expect(duplicates).toBeGreaterThan(100);
    expect(traffic.records.filter((r) => r.kind === 'poison')).toHaveLength(1);
    const truth = groundTruth(traffic.unique);
    // every payload type is in the data
    expect(Object.keys(truth.eventsByType).sort()).toEqual([
      'ad',
      'design',
      'error',
      'experiment_exposure',
      'feature_use',
      'progression',
      'purchase',
      'refund',
      'resource',
      'session_end',
      'session_start',
      'social',
    ]);

    const logDir = join(dir, 'log');
    const storePath = join(dir, 'store.duckdb');
    writer = await openEmbeddedLog({ dir: logDir });
    await writer.ensureTopics([{ name: topics.events, partitions: PARTITIONS }]);
    const env = {
      GAMEPULSE_LOG_DIR: logDir,
      GAMEPULSE_STORE_PATH: storePath,
      GAMEPULSE_TOPIC_PREFIX: 'itest',
      GAMEPULSE_PROCESSOR_MAX_BATCH_RECORDS: '10',
    };

    // Phase 1: 40% of the traffic, then the rest in slices while the first processor
    // runs. It commits by size only (the interval is far away), so between two commits
    // it holds folded, uncommitted rollups: kill it in such a moment.
    const firstPart = Math.floor(traffic.records.length * 0.4);
    await append(writer, traffic.records.slice(0, firstPart));
    const first = await startProcessorChild({
      ...env,
      GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '600000',
      GAMEPULSE_PROCESSOR_MAX_PENDING_ROWS: '400',
    });
    children.push(first);
    let appended = firstPart;
    const atKill = await until(
      async () => {
        const m = await first.metrics();
        const folded = total(m, 'gamepulse_processor_events_total');
        const committed = total(m, 'gamepulse_processor_events_committed_total');
        if (total(m, 'gamepulse_processor_commits_total', 'result="ok"') >= 2 && folded > committed) return { folded, committed };
        // Nothing uncommitted right now and the backlog is consumed: feed it more.
        if (total(m, 'gamepulse_processor_lag_records') === 0 && appended < traffic.records.length) {
          const next = Math.min(traffic.records.length, appended + 40);
          await append(writer!, traffic.records.slice(appended, next));
          appended = next;
        }
        return undefined;
      },
      'the first processor to hold uncommitted work',
      SLOW,
    );
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(atKill.folded).toBeGreaterThan(atKill.committed);
    expect(appended).toBeLessThan(traffic.records.length);

    // Phase 2: a new process resumes from the store's checkpoint, the writer appends
    // the rest while it runs.
    const second = await startProcessorChild({ ...env, GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '100' });
    children.push(second);
    for (let at = appended; at < traffic.records.length; at += 25) {
      await append(writer, traffic.records.slice(at, at + 25));
      await new Promise((r) => setTimeout(r, 5));
    }
    const ends = await writer.endOffsets(topics.events);
    expect(ends.reduce((n, e) => n + e.offset, 0)).toBe(traffic.records.length);
    // Committed positions at the end of every partition: everything is folded and stored
    // (lag alone could be a stale reading from before the last appends were seen).
    await until(
      async () => total(await second.metrics(), 'gamepulse_processor_committed_offset') === traffic.records.length,
      'the second processor to commit everything',
      SLOW,
    );
    // Readiness through the query API of the same process: store, log and processor.
    const ready = await fetch(`http://127.0.0.1:${second.port}/readyz`);
    expect(ready.status).toBe(200);
    const m2 = await second.metrics();
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.lines.some((l) => l.msg === 'shutdown complete')).toBe(true);

    // The first process dropped re-sends as well; together they saw them all. The second
    // re-read what the first had not committed, so only the sum is bounded, from below.
    expect(total(m2, 'gamepulse_processor_batches_total', 'verdict="too_old"')).toBe(0);

    const store = await openDuckDbStore({ path: storePath });
    try {
      expect(await storeTotals(store)).toEqual(truth);

      // Player windows agree with rollups on counts.
      const [pw] = await store.sql(
        'SELECT sum(events) AS events, sum(purchases) AS purchases, sum(sessions) AS sessions FROM player_windows',
      );
      expect({ events: num(pw!.events), purchases: num(pw!.purchases), sessions: num(pw!.sessions) }).toEqual({
        events: traffic.events,
        purchases: truth.eventsByType.purchase,
        sessions: truth.sessions,
      });

      // Sessions by inactivity gap (processor/README.md): each install's events here are
      // seconds apart, so one session per install, as long as its last − first event. A
      // restart that lost or double-applied the activity state would count otherwise.
      const span = new Map<string, [number, number]>();
      for (const bt of traffic.unique)
        for (const e of bt.events ?? []) {
          const key = `${e.playerId || e.installId}/${e.installId || bt.installId}`;
          const ts = Number(e.clientTsMs);
          const seen = span.get(key);
          span.set(key, seen ? [Math.min(seen[0], ts), Math.max(seen[1], ts)] : [ts, ts]);
        }
      const [gap] = await store.sql('SELECT sum(gap_sessions) AS g, sum(active_ms) AS a FROM player_windows');
      expect({ gapSessions: num(gap!.g), activeMs: num(gap!.a) }).toEqual({
        gapSessions: span.size,
        activeMs: [...span.values()].reduce((n, [first, last]) => n + last - first, 0),
      });

      // The poison record: dead-lettered exactly once, with its bytes.
      const dead = await store.sql('SELECT code, source, raw FROM dead_letters');
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ code: 'GP_PROCESSOR_RECORD_UNDECODABLE', source: 'processor' });
      expect(Buffer.from(String(dead[0]!.raw), 'base64')).toEqual(Buffer.from(POISON_BYTES));

      // Positions: the end of every partition; dedup state: one window per install.
      const positions = await store.sql(
        'SELECT "partition" AS p, next_offset AS o FROM positions WHERE consumer = \'processor\' ORDER BY 1',
      );
      expect(positions.map((r) => [num(r.p), num(r.o)])).toEqual(ends.map((e) => [e.partition, e.offset]));
      const [st] = await store.sql(
        "SELECT count(*) FILTER (WHERE namespace = 'dedup') AS dedup, count(*) FILTER (WHERE namespace = 'player') AS players, count(*) FILTER (WHERE namespace = 'variant') AS assigned FROM processor_state",
      );
      expect(num(st!.dedup)).toBe(80);
      expect(num(st!.players)).toBe(Object.keys(truth.cohortByPlayer).length);
      // Assignments: each exposed player's latest exposure, as the state the processor restarts from.
      const latest = new Map<string, string>();
      for (const b of traffic.unique)
        for (const e of b.events ?? [])
          if (e.experimentExposure)
            latest.set(e.playerId || e.installId || '', `${e.experimentExposure.experiment}:${e.experimentExposure.variant}`);
      expect(num(st!.assigned)).toBe(latest.size);
      const assigned = await store.sql("SELECT key, decode(value) AS v FROM processor_state WHERE namespace = 'variant' ORDER BY key");
      expect(Object.fromEntries(assigned.map((r) => [String(r.key), String(r.v)]))).toEqual(Object.fromEntries([...latest].sort()));

      // Sanity of the yardstick itself: the truth counts every unique event once.
      const uniqueEvents = traffic.unique.reduce((n, b) => n + (b.events?.length ?? 0), 0);
      expect(Object.values(truth.eventsByType).reduce((a, b) => a + b, 0)).toBe(uniqueEvents);
      const fromLog = traffic.records
        .filter((r) => r.kind !== 'poison')
        .reduce((n, r) => n + IngestedBatch.decode(r.value).events.length, 0);
      expect(fromLog).toBeGreaterThan(uniqueEvents); // the log holds the re-sends too
    } finally {
      await store.close();
    }
  });
});
