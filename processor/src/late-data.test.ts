/**
 * Late data through a whole processor (in-memory log and sink): late events are counted
 * in their own window and flagged in `late_events` and the Prometheus counter, a
 * skewed batch's future times are clamped to its receive time, and the watermark is
 * committed state that a restarted processor resumes from.
 */
import { topicNames } from '@gamepulse/log';
import { IngestedBatch } from '@gamepulse/proto';
import { createLogger, Registry } from '@gamepulse/service';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { describe, expect, it } from 'vitest';
import { createProcessorMetrics } from './metrics.ts';
import { createProcessor } from './processor.ts';
import { WATERMARK_NAMESPACE } from './windows/watermark.ts';

const topics = topicNames('late');
const quiet = createLogger({ service: 'processor', write: () => undefined });
const T0 = Date.UTC(2025, 8, 1, 12, 0);
const MIN = 60_000;

let seq = 0;
function record(times: number[], receivedAtMs: number) {
  seq += 1;
  return {
    key: 'i1',
    value: IngestedBatch.encode({
      installId: 'i1',
      batchSequence: seq,
      receivedAtMs,
      context: { gameId: 'g', country: 'JP' },
      events: times.map((t, i) => ({ eventId: `e${seq}-${i}`, playerId: 'p1', clientTsMs: t, featureUse: { feature: 'chat' } })),
    }).finish(),
    timestampMs: receivedAtMs,
  };
}

/** Events and late events per window start (minutes after T0). */
function byWindow(sink: MemorySink): Record<number, [number, number]> {
  const out: Record<number, [number, number]> = {};
  for (const r of sink.rollups) {
    const w = ((r.windowStartMs as number) - T0) / MIN;
    const [e, l] = out[w] ?? [0, 0];
    out[w] = [e + (r.events as number), l + ((r.lateEvents as number) ?? 0)];
  }
  return out;
}

async function run(log: MemoryLog, sink: MemorySink, records: number) {
  const registry = new Registry();
  const p = createProcessor({
    log,
    sink,
    topics,
    logger: quiet,
    clock: new FakeClock(),
    maxPendingRows: 1,
    allowedLatenessMs: 10 * MIN,
    maxFutureMs: 5 * MIN,
    metrics: createProcessorMetrics(registry),
  });
  await p.start();
  await until(() => sink.positionOf('processor', topics.events, 0) === records, 'all records committed');
  const text = await registry.metrics();
  await p.stop();
  return text;
}

describe('processor/late-data', () => {
  it('flags late events in their own window, clamps a skewed batch, and resumes the watermark after a restart', async () => {
    const log = new MemoryLog();
    await log.ensureTopics([{ name: topics.events, partitions: 1 }]);
    await log.producer().append(topics.events, [
      record([T0 + 30 * MIN], T0 + 30 * MIN),
      // 2 min: late (the watermark is 20 min); 25 min: within the lateness.
      record([T0 + 2 * MIN, T0 + 25 * MIN], T0 + 31 * MIN),
      // A device clock two days ahead: clamped to the receive time (32 min), not late.
      record([T0 + 2 * 86_400_000], T0 + 32 * MIN),
    ]);
    const sink = new MemorySink();
    const text = await run(log, sink, 3);
    expect(byWindow(sink)).toEqual({ 2: [1, 1], 25: [1, 0], 30: [1, 0], 32: [1, 0] });
    expect(sink.rollups.every((r) => r.region === 'Asia' && r.subregion === 'Eastern Asia')).toBe(true);
    expect(text).toMatch(/gamepulse_processor_late_events_total 1\b/);
    expect(text).toMatch(/gamepulse_processor_future_clamped_total 1\b/);

    // A new processor on the same sink: the watermark (largest event time 32 min) comes
    // back from the checkpoint, so an event at 21 min is late and one at 23 min is not.
    await log.producer().append(topics.events, [record([T0 + 21 * MIN, T0 + 23 * MIN], T0 + 40 * MIN)]);
    const checkpoint = await sink.loadCheckpoint('processor');
    expect(checkpoint.state.filter((e) => e.namespace === WATERMARK_NAMESPACE)).toHaveLength(1);
    const again = await run(log, sink, 4);
    expect(byWindow(sink)).toMatchObject({ 21: [1, 1], 23: [1, 0] });
    expect(again).toMatch(/gamepulse_processor_late_events_total 1\b/);
  });
});
