/**
 * Loss accounting end to end (issue #17): the real Node SDK against the real collector
 * (in-process, real embedded log), the real processor folding into a real DuckDB store,
 * and the `delivery` KPI — which must equal what the SDK itself counted
 * (`stats().droppedByReason`), reason by reason, and the events the collector accepted.
 *
 * The SDK is made to drop for real: a transport held shut while the game tracks more
 * than its queue budget holds (GP_SDK_QUEUE_FULL), events that fail validation on the
 * device (GP_EVENT_*), and events tracked after the player denied consent
 * (GP_SDK_CONSENT_DENIED; reported once consent is granted again). Every batch is sent
 * twice (an acknowledgement lost on the way), so the drops it carries must still count
 * once. GP_SDK_SHUTDOWN drops are left out: no batch follows them, so no SDK can report
 * them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames } from '@gamepulse/log';
import { IngestedBatch } from '@gamepulse/proto';
import { runKpi } from '@gamepulse/kpi';
import { createProcessor, type Processor } from '@gamepulse/processor';
import { createLogger } from '@gamepulse/service';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import type { Transport } from '@gamepulse/sdk';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { FakeClock, readTopic, until } from '@gamepulse/testkit';
import { GAME_ID, GAME_KEY, startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';

const PREFIX = 'sdkdelivery';
const topics = topicNames(PREFIX);
const quiet = createLogger({ service: 'processor', write: () => undefined });

/** Holds every send until `open()`, then sends each batch twice (the first ack "lost"). */
function gatedTwice() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const wrap = (inner: Transport): Transport => ({
    name: inner.name,
    async send(batch, signal) {
      await gate;
      await inner.send(batch, signal);
      return inner.send(batch, signal);
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  });
  return { wrap, open };
}

describe('test/integration/sdk-delivery-e2e', () => {
  let real: RealCollector;
  let store: DuckDbStore;
  let processor: Processor | undefined;

  beforeAll(async () => {
    real = await startRealCollector({ topicPrefix: PREFIX });
    store = await openDuckDbStore({ path: ':memory:' });
  });
  afterAll(async () => {
    await processor?.stop();
    await store?.close();
    await real?.close();
  });

  it('the delivery KPI equals the SDK-side counts of every drop reason, each counted once', async () => {
    const { wrap, open } = gatedTwice();
    const gp = createNodeGamepulse({
      gameKey: GAME_KEY,
      endpoint: real.httpUrl,
      gameId: GAME_ID,
      build: '2.0.0-drops',
      platform: 'server',
      installId: 'install-drops-1',
      maxBatchEvents: 20,
      maxBatchBytes: 4_096,
      maxQueueBytes: 8_192,
      flushTimeoutMs: 30_000,
      wrapTransport: wrap,
    });
    await gp.ready;
    const startMs = Date.now();
    // Queue full: the transport is shut, so the budget (queued + pending bytes) runs out.
    for (let i = 0; i < 600; i++) gp.track({ featureUse: { feature: 'match_played' } }, { n: String(i) });
    // Invalid on the device: a lower-case currency, a progression without status.
    for (let i = 0; i < 3; i++) gp.track({ purchase: { currency: 'usd', amountMinor: 99, itemType: 'gem_pack' } });
    for (let i = 0; i < 2; i++) gp.track({ progression: { tier1: 'w1' } });
    open();
    gp.track({ featureUse: { feature: 'after_the_storm' } });
    await gp.flush();
    // Consent denied: events tracked meanwhile are dropped, and reported after the grant.
    gp.setConsent(false);
    for (let i = 0; i < 7; i++) gp.track({ featureUse: { feature: 'while_denied' } });
    gp.setConsent(true);
    gp.track({ featureUse: { feature: 'consent_back' } });
    await gp.flush();
    await gp.shutdown(); // its session_end is one more accepted event
    const sdk = gp.stats();

    const truth = sdk.droppedByReason;
    expect(truth.GP_SDK_QUEUE_FULL).toBeGreaterThan(100);
    expect(truth.GP_EVENT_CURRENCY_INVALID).toBe(3);
    expect(Object.keys(truth).filter((r) => r.startsWith('GP_EVENT_') && r !== 'GP_EVENT_CURRENCY_INVALID')).toHaveLength(1);
    expect(truth.GP_SDK_CONSENT_DENIED).toBe(7);

    processor = createProcessor({
      topics,
      log: real.log,
      sink: store,
      logger: quiet,
      clock: new FakeClock(),
      commitIntervalMs: 1000,
      maxPendingRows: 1,
    });
    await processor.start();
    const end = (await real.log.endOffsets(topics.events)).reduce((n, e) => n + e.offset, 0);
    expect(end % 2).toBe(0); // every batch appended twice
    await until(() => processor!.stats().partitions.reduce((n, p) => n + p.committedOffset, 0) === end, 'every record committed');
    expect(processor.stats().batches.duplicate).toBe(end / 2);

    // The store: one sdk_dropped row total per reason, equal to the SDK's own counts.
    const rows = (await store.sql(
      "SELECT action AS reason, SUM(events) AS n FROM rollups WHERE event_type = 'sdk_dropped' GROUP BY 1 ORDER BY 1",
    )) as Array<{ reason: string; n: unknown }>;
    expect(Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]))).toEqual(truth);

    // The KPI: arrived = the events the collector accepted (each once), dropped = the SDK's counts by group.
    const ids = new Set<string>();
    for (const rec of await readTopic(real.log, topics.events)) for (const e of IngestedBatch.decode(rec.value).events) ids.add(e.eventId);
    const accepted = ids.size;
    const dropped = Object.values(truth).reduce((a, b) => a + b, 0);
    const invalid = Object.entries(truth)
      .filter(([r]) => r.startsWith('GP_EVENT_'))
      .reduce((a, [, n]) => a + n, 0);
    const kpi = await runKpi(store, 'delivery', { fromMs: startMs - 3_600_000, toMs: Date.now() + 3_600_000, by: ['game'] });
    expect(kpi.rows).toEqual([
      {
        game_id: GAME_ID,
        build: '2.0.0-drops',
        arrived: accepted,
        dropped,
        tracked: accepted + dropped,
        dropped_queue_full: (truth.GP_SDK_QUEUE_FULL ?? 0) + (truth.GP_SDK_QUEUE_EVICTED ?? 0),
        dropped_consent: truth.GP_SDK_CONSENT_DENIED,
        dropped_invalid: invalid,
        dropped_rejected: 0,
        dropped_shutdown: 0,
        dropped_other: 0,
        delivery_share: accepted / (accepted + dropped),
        dropped_share: dropped / (accepted + dropped),
      },
    ]);
    expect(accepted).toBe(sdk.ackedEvents);
  }, 120_000);
});
