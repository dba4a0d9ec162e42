/**
 * `analytics: 'full' | 'plain'` through a whole processor (in-memory log and sink): both
 * modes count the same base rollups and player rows, equal to the ground truth from the
 * raw batches; only 'full' writes step facts, gap sessions, reporting-currency revenue,
 * region, and its activity and watermark state.
 */
import { topicNames } from '@gamepulse/log';
import type { PlayerStepData } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import type { RollupCommit, RollupSink, StateEntry } from '@gamepulse/store';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { describe, expect, it } from 'vitest';
import { generateTraffic, groundTruth, totalsFromRows } from '../test/support/traffic.ts';
import { ACTIVITY_NAMESPACE } from './aggregate/activity.ts';
import type { ProcessorAnalytics } from './options.ts';
import { createProcessor } from './processor.ts';
import { WATERMARK_NAMESPACE } from './windows/watermark.ts';

const topics = topicNames('analytics');
const quiet = createLogger({ service: 'processor', write: () => undefined });

/** A MemorySink that also keeps what it does not: the commits' step facts and state entries. */
function recordingSink(): { sink: RollupSink; memory: MemorySink; steps: PlayerStepData[]; state: StateEntry[] } {
  const memory = new MemorySink();
  const steps: PlayerStepData[] = [];
  const state: StateEntry[] = [];
  const sink: RollupSink = {
    loadCheckpoint: (consumer, partitions) => memory.loadCheckpoint(consumer, partitions),
    commit: async (c: RollupCommit) => {
      await memory.commit(c);
      for (const s of c.steps ?? []) steps.push(s);
      for (const e of c.state) state.push(e);
    },
  };
  return { sink, memory, steps, state };
}

async function run(analytics: ProcessorAnalytics) {
  const traffic = generateTraffic({ seed: 14, installs: 20, batchesPerInstall: 5 });
  const log = new MemoryLog();
  await log.ensureTopics([{ name: topics.events, partitions: 2 }]);
  const res = await log.producer().append(
    topics.events,
    traffic.records.map((r) => ({ key: r.key, value: r.value, timestampMs: 1 })),
  );
  expect(res.ok).toBe(true);
  const out = recordingSink();
  const p = createProcessor({ log, sink: out.sink, topics, logger: quiet, clock: new FakeClock(), analytics });
  await p.start();
  await until(() => p.stats().partitions.reduce((n, s) => n + s.nextOffset, 0) === traffic.records.length, 'all records');
  await p.stop();
  await expect(p.done).resolves.toBeUndefined();
  return { traffic, ...out };
}

const sum = (rows: Array<Record<string, unknown>>, field: string) => rows.reduce((n, r) => n + Number(r[field] ?? 0), 0);

describe('processor/src analytics modes', () => {
  it("'full' writes step facts and the analytics fields and state", async () => {
    const { traffic, memory, steps, state } = await run('full');
    const truth = groundTruth(traffic.unique);
    expect(totalsFromRows(memory.rollups, memory.players)).toEqual(truth);
    const events = traffic.unique.reduce((n, b) => n + (b.events?.length ?? 0), 0);
    // One step fact per event, summed over rows.
    expect(sum(steps as Array<Record<string, unknown>>, 'events')).toBe(events);
    expect(sum(memory.players as Array<Record<string, unknown>>, 'gapSessions')).toBeGreaterThan(0);
    expect(sum(memory.rollups as Array<Record<string, unknown>>, 'revenueReportingMinor')).toBeGreaterThan(0);
    expect(memory.rollups.some((r) => r.region)).toBe(true);
    expect(state.some((e) => e.namespace === ACTIVITY_NAMESPACE)).toBe(true);
    expect(state.some((e) => e.namespace === WATERMARK_NAMESPACE)).toBe(true);
  });

  it("'plain' writes the same base rollups, no step facts and none of the analytics", async () => {
    const { traffic, memory, steps, state } = await run('plain');
    expect(totalsFromRows(memory.rollups, memory.players)).toEqual(groundTruth(traffic.unique));
    expect(memory.rollups.length).toBeGreaterThan(0);
    expect(steps).toEqual([]);
    for (const field of ['gapSessions', 'activeMs', 'maxProgress', 'revenueReportingMinor'])
      expect(sum(memory.players as Array<Record<string, unknown>>, field), field).toBe(0);
    expect(sum(memory.rollups as Array<Record<string, unknown>>, 'revenueReportingMinor')).toBe(0);
    expect(sum(memory.rollups as Array<Record<string, unknown>>, 'lateEvents')).toBe(0);
    expect(memory.rollups.filter((r) => r.region || r.subregion || r.reportingCurrency)).toEqual([]);
    // Session ends are one row per window and dimensions again (no sketch bucket in item).
    expect(memory.rollups.filter((r) => r.eventType === 'session_end' && r.item)).toEqual([]);
    expect(state.filter((e) => e.namespace === ACTIVITY_NAMESPACE || e.namespace === WATERMARK_NAMESPACE)).toEqual([]);
  });
});
