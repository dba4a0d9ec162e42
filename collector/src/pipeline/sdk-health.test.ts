/**
 * EventBatch.sdk_health through the collector: the checked health travels with the
 * IngestedBatch, reasons outside the known set become `other`, unusable counts are left
 * out (and counted), and the drops reach /metrics — bad values never refuse the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DROPPED_PER_REASON } from '@gamepulse/proto';
import { batch, encodeBatch, validEvent } from '../testing/batches.ts';
import { createHarness, type Harness } from '../testing/harness.ts';

describe('collector/pipeline/sdk_health', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.dispose());

  const counter = async (name: string, labels: Record<string, string>): Promise<number> => {
    const m = await h.registry.getSingleMetric(name)!.get();
    const v = m.values.find((x) => Object.entries(labels).every(([k, l]) => x.labels[k] === l));
    return v?.value ?? 0;
  };

  it('forwards the checked sdk_health with the batch and counts the drops by game and reason', async () => {
    const health = {
      droppedByReason: {
        GP_SDK_QUEUE_FULL: 7,
        GP_SDK_CONSENT_DENIED: 2,
        GP_EVENT_CURRENCY_INVALID: 1,
        'made-up reason': 3,
        'another one': 4,
        GP_SDK_SHUTDOWN: MAX_DROPPED_PER_REASON + 1,
        GP_SDK_QUEUE_EVICTED: 0,
      },
      queued: 12,
    };
    const ack = await h.send(encodeBatch(batch('inst-health', [validEvent('inst-health', 1)], { sdkHealth: health })));
    expect(ack.ok && ack.ack.accepted).toBe(1);
    const [logged] = (await h.events()).filter((b) => b.installId === 'inst-health');
    expect(logged!.sdkHealth).toEqual({
      droppedByReason: { GP_SDK_QUEUE_FULL: 7, GP_SDK_CONSENT_DENIED: 2, GP_EVENT_CURRENCY_INVALID: 1, other: 7 },
      queued: 12,
    });
    expect(
      await counter('gamepulse_collector_sdk_dropped_events_total', { game_id: 'demo', key_id: 'k1', reason: 'GP_SDK_QUEUE_FULL' }),
    ).toBe(7);
    expect(await counter('gamepulse_collector_sdk_dropped_events_total', { game_id: 'demo', key_id: 'k1', reason: 'other' })).toBe(7);
    expect(
      await counter('gamepulse_collector_sdk_dropped_events_total', { game_id: 'demo', key_id: 'k1', reason: 'GP_SDK_SHUTDOWN' }),
    ).toBe(0);
    expect(await counter('gamepulse_collector_sdk_health_problems_total', { problem: 'unknown_reason' })).toBe(2);
    expect(await counter('gamepulse_collector_sdk_health_problems_total', { problem: 'invalid_count' })).toBe(1);
    const queued = await h.registry.getSingleMetric('gamepulse_collector_sdk_queued_events')!.get();
    expect(
      queued.values.find((v) => (v as { metricName?: string }).metricName === 'gamepulse_collector_sdk_queued_events_sum')?.value,
    ).toBe(12);
  });

  it('writes a batch whose events were all rejected when it carries drops, so they are not lost', async () => {
    const bad = { ...validEvent('inst-all-bad', 1), eventId: 'not-a-uuid' };
    const ack = await h.send(encodeBatch(batch('inst-all-bad', [bad], { sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 5 } } })));
    expect(ack.ok && ack.ack.rejected).toHaveLength(1);
    const [logged] = (await h.events()).filter((b) => b.installId === 'inst-all-bad');
    expect(logged!.events).toEqual([]);
    expect(logged!.sdkHealth?.droppedByReason).toEqual({ GP_SDK_QUEUE_FULL: 5 });
  });

  it('writes no events record for an all-rejected batch without drops, and no sdk_health when none was sent', async () => {
    const bad = { ...validEvent('inst-no-health', 1), eventId: 'not-a-uuid' };
    await h.send(encodeBatch(batch('inst-no-health', [bad], { sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 0 } } })));
    expect((await h.events()).filter((b) => b.installId === 'inst-no-health')).toEqual([]);
    await h.send(encodeBatch(batch('inst-plain', [validEvent('inst-plain', 1)])));
    const [plain] = (await h.events()).filter((b) => b.installId === 'inst-plain');
    expect(plain!.sdkHealth).toBeUndefined();
  });
});
