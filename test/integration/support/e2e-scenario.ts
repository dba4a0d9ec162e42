/**
 * The end-to-end exactly-once scenario, shared by the embedded and the Kafka pipeline
 * (pipeline-e2e.test.ts, kafka-pipeline-e2e.test.ts): simulated players drive the real
 * SDK (HTTP and gRPC) into the collector; some batches are delivered twice or have
 * their acknowledgement "lost" so the SDK re-sends them, copies of acknowledged ones
 * come back late (reordered, far behind, past the dedup window: support/
 * resending-transport.ts), some players share an install id (support/
 * shared-installs.ts); the processor is killed with SIGKILL after a third and after two
 * thirds of the players and restarted; the collector is killed with SIGKILL after a
 * quarter and restarted gracefully after half of them, while the same installs keep
 * sending across each restart (support/sends-across.ts). The store's totals must equal
 * the simulator's independent ledger exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, Ledger, type LedgerTotals } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import type { KafkaOptions } from '../../../scripts/engines/kafka.ts';
import { mixedTransport, recentUtcMidnight, seededRandom, simPlayerSdkOptions, until } from '@gamepulse/testkit';
import { expectStoreEqualsLedger, metricSum, Pipeline, waitForTotal, type LogKind } from '@gamepulse/testkit/pipeline';
import { checkPlayerDeletion } from './deletion-scenario.ts';
import { deadLetteredBatches } from './dead-letters.ts';
import { newDeliveryLane, newResendStats, resending, type ResendPlan } from './resending-transport.ts';
import { printSeedReport } from './seed-report.ts';
import { SendsAcross } from './sends-across.ts';
import { SharedInstalls } from './shared-installs.ts';

/**
 * Re-sends, plus late copies of acknowledged batches: reordered, far behind, past the
 * dedup window. Past-the-window copies only on the embedded log, where the processor's
 * dead letters land in the DuckDB store this scenario checks (on Kafka they go to the
 * dead-letter topic).
 */
const deliveryPlan = (kind: LogKind): ResendPlan => ({
  double: 0.25,
  loseAck: 0.15,
  reorder: 0.03,
  farBehind: 0.02,
  tooOld: kind === 'embedded' ? 0.02 : 0,
});

const KEY = 'e2e-key';

export interface E2eScenarioOptions {
  kind: LogKind;
  seed: string;
  players: number;
  broker?: KafkaOptions;
}

export function describeE2eScenario(o: E2eScenarioOptions): void {
  describe(`pipeline end to end (${o.kind === 'kafka' ? 'real Kafka + transactional processor + loader' : 'embedded log'} → DuckDB, real processes)`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `gp-e2e-${o.kind}-`));
    let pipeline: Pipeline;
    const ledger = new Ledger();
    const resends = newResendStats();
    const shared = new SharedInstalls();
    let expected: LedgerTotals;
    const kills: number[] = [];
    /** Collector faults: what, and how many installs were acknowledged both before and after it. */
    const collectorFaults: Array<{ fault: 'kill -9' | 'graceful restart'; installsAcross: number }> = [];
    const across = new SendsAcross();
    const accepted = () => metricSum(`http://127.0.0.1:${pipeline.ports.http}/metrics`, 'gamepulse_collector_events_accepted_total');

    beforeAll(async () => {
      pipeline = await Pipeline.start({
        kind: o.kind,
        dataDir,
        keys: `${KEY}=demo:e2e`,
        processorEnv: { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' },
        ...(o.broker ? { broker: o.broker } : {}),
        topicPrefix: `e2e-${o.seed.replace(/[^a-z0-9-]/gi, '')}-${Date.now().toString(36)}`,
      });
    });

    afterAll(async () => {
      await pipeline?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('counts every simulated event exactly once through re-sends, processor kill -9s and collector restarts', async () => {
      const rnd = seededRandom(`${o.seed}/network`);
      const sim = createSimulator({
        players: o.players,
        seed: o.seed,
        days: 2,
        startMs: recentUtcMidnight(3),
        concurrency: 32,
        ledger,
        createClient: (p, clock) => {
          // Some players share an install id in pairs (support/shared-installs.ts).
          const installId = shared.installIdOf(p);
          const pair = shared.isShared(installId) ? shared.instance(installId) : undefined;
          const lane = newDeliveryLane();
          // A tenth of the players send small batches: enough of them for late copies 64+ batches back.
          const smallBatches = /5$/.test(p.installId);
          return createNodeGamepulse({
            ...simPlayerSdkOptions(p, clock, {
              gameKey: KEY,
              gameId: 'demo',
              ...mixedTransport(p, pipeline.ports),
              maxBatchEvents: smallBatches ? 5 : 40,
              retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
              ...(pair ? shared.sdkOptions() : {}),
              // Scaled like the retries, so a player whose sends fell into a collector
              // restart resumes within seconds (the defaults wait 30 s and more).
              circuitBreaker: { openMs: 500, maxOpenMs: 4_000 },
              flushTimeoutMs: 300_000,
              wrapTransport: (t) =>
                across.wrap(
                  installId,
                  pair ? resending(pair(t), rnd, resends, undefined, lane) : resending(t, rnd, resends, deliveryPlan(o.kind), lane),
                ),
            }),
            installId,
          });
        },
      });

      const progress = setInterval(() => {
        void accepted().then((n) =>
          console.log(`[e2e ${o.kind}] ${JSON.stringify(sim.stats())} accepted=${n} resends=${JSON.stringify(resends)}`),
        );
      }, 5_000);
      // Two tracks, each at its own moments, so a slow processor restart never pushes the
      // collector's faults past the end of the traffic they must cut through.
      const processorFaults = (async () => {
        for (const fraction of [1 / 3, 2 / 3]) {
          await until(
            () => sim.stats().playersFinished >= o.players * fraction,
            () => `${Math.ceil(o.players * fraction)} players finished (have ${sim.stats().playersFinished})`,
            { timeoutMs: 300_000, everyMs: 20 },
          );
          await pipeline.killProcessor(0);
          kills.push(await accepted());
        }
      })();
      const collectorFaultTrack = (async () => {
        for (const [fraction, fault] of [
          [0.25, 'kill -9'],
          [0.5, 'graceful restart'],
        ] as const) {
          await until(
            () => sim.stats().playersFinished >= o.players * fraction,
            () => `${Math.ceil(o.players * fraction)} players finished (have ${sim.stats().playersFinished})`,
            { timeoutMs: 300_000, everyMs: 20 },
          );
          const downMs = Date.now();
          if (fault === 'kill -9') await pipeline.killCollector();
          else expect(await pipeline.restartCollector(), 'the collector drained and exited cleanly').toBe(0);
          const upMs = Date.now();
          // Installs acknowledged before the fault that are acknowledged again by the new collector.
          await until(
            () => across.installsAcross(downMs, upMs) >= 3 || sim.stats().playersFinished >= o.players,
            () => `installs sending across the collector ${fault}`,
            { timeoutMs: 120_000, everyMs: 50 },
          );
          collectorFaults.push({ fault, installsAcross: across.installsAcross(downMs, upMs) });
        }
      })();
      const chaos = Promise.all([processorFaults, collectorFaultTrack]);

      const stats = await sim.run();
      await chaos;
      clearInterval(progress);
      expected = ledger.totals();
      expect(stats.eventsTracked).toBe(expected.events);
      expect(kills).toHaveLength(2);
      expect(collectorFaults.map((f) => f.fault)).toEqual(['kill -9', 'graceful restart']);
      for (const f of collectorFaults)
        expect(f.installsAcross, `installs acknowledged before and after the collector ${f.fault}`).toBeGreaterThan(0);
      expect(resends.doubled).toBeGreaterThan(10);
      expect(resends.ackLost).toBeGreaterThan(10);
      shared.check();
      const pairs = shared.stats();
      expect(pairs.collisions).toBeGreaterThan(10);
      expect(resends.reordered).toBeGreaterThan(10);
      expect(resends.farBehind).toBeGreaterThan(5);
      if (o.kind === 'embedded') expect(resends.tooOld).toBeGreaterThan(0);

      const stored = await waitForTotal(pipeline.ports.query, expected.events);
      printSeedReport({
        suite: `e2e-${o.kind}`,
        seed: o.seed,
        events: expected.events,
        stored,
        resends: {
          batches: resends.batches,
          doubled: resends.doubled,
          ackLost: resends.ackLost,
          reordered: resends.reordered,
          farBehind: resends.farBehind,
          tooOld: resends.tooOld,
          'shared-install collisions': pairs.collisions,
        },
        faults: { 'processor kill -9': kills.length, ...Object.fromEntries(collectorFaults.map((f) => [`collector ${f.fault}`, 1])) },
      });
      expect(stored).toBe(expected.events);
      console.log(
        `e2e ${o.kind} seed ${o.seed}: ${expected.events} events from ${expected.players} players; ` +
          `${resends.batches} batches, ${resends.doubled} sent twice, ${resends.ackLost} acks lost; late copies: ${resends.reordered} reordered, ` +
          `${resends.farBehind} far behind, ${resends.tooOld} past the window (dead letters); ${pairs.installs} shared install ids, ` +
          `${pairs.batches} batches, ${pairs.collisions} sequence collisions; processor killed at ${kills.join(', ')} accepted events; ` +
          `collector ${collectorFaults.map((f) => `${f.fault} (${f.installsAcross} installs sending across)`).join(', ')}`,
      );
    }, 600_000);

    it('stores rollups equal to the ledger, window by window and dimension by dimension, and the A/B readout per variant', async () => {
      expect(await pipeline.stopStoreWriter()).toBe(0);
      // Late copies past the dedup window are dead-lettered (each at least once), never counted.
      const dead = await deadLetteredBatches(pipeline.storePath);
      expect([...new Set(dead.batches)].sort()).toEqual([...resends.tooOldBatches].sort());
      await expectStoreEqualsLedger(pipeline.storePath, expected, { deadLetters: { GP_PROCESSOR_BATCH_TOO_OLD: dead.batches.length } });
    });

    it('erases players on deletion requests to the collector: rows gone, audited, everyone else exactly as before', async () => {
      await checkPlayerDeletion({ pipeline, expected, key: KEY });
    }, 300_000);
  });
}
