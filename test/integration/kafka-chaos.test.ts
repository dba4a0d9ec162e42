/**
 * Chaos on real Apache Kafka: a collector, TWO processor processes and the loader under
 * steady simulated traffic (real SDK clients, HTTP and gRPC, retrying, with re-sends
 * and lost acknowledgements); at random moments (seeded) a processor is killed with
 * SIGKILL, a processor is paused with SIGSTOP past its session timeout and resumed
 * after its partitions moved (its late transaction must be fenced:
 * support/paused-processor.ts), the collector is killed with SIGKILL and restarted, and
 * the broker is restarted on its data dir. Afterwards the store's totals equal the simulator's
 * independent ledger exactly: 0 lost, 0 duplicated.
 *
 * Seeds: GP_CHAOS_SEEDS=N runs N seeds (default 3), GP_CHAOS_SEED=s runs only s;
 * GP_CHAOS_PLAYERS sets players per seed (default 60). Own broker: ports 29592/29593,
 * data dir .data/kafka-chaos-it; stopped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, Ledger } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { mixedTransport, recentUtcMidnight, seededRandom, simPlayerSdkOptions, until } from '@gamepulse/testkit';
import { expectStoreEqualsLedger, metricSum, Pipeline, waitForTotal } from '@gamepulse/testkit/pipeline';
import { DEFAULT_KAFKA_VERSION, stopKafka, type KafkaOptions } from '../../scripts/engines/kafka.ts';
import { pauseProcessor } from './support/paused-processor.ts';
import { printSeedReport, seedsFromEnv } from './support/seed-report.ts';
import { newResendStats, permanentFailures, resending, type ResendStats } from './support/resending-transport.ts';

const KEY = 'chaos-key';
const broker: KafkaOptions = {
  port: 29592,
  controllerPort: 29593,
  dataDir: join(resolve(import.meta.dirname, '../..'), '.data', 'kafka-chaos-it', DEFAULT_KAFKA_VERSION),
  heapMb: 768,
};
const SEEDS = seedsFromEnv('chaos', 'GP_CHAOS_SEED', 'GP_CHAOS_SEEDS', 3);
const PLAYERS = Number(process.env.GP_CHAOS_PLAYERS ?? 60);

type Action = 'kill-processor' | 'pause-processor' | 'kill-collector' | 'restart-broker';

interface SeedReport {
  seed: string;
  events: number;
  players: number;
  processorKills: number;
  /** SIGSTOP past the session timeout, SIGCONT after the partitions moved. */
  processorPauses: number;
  /** Late transactions of paused processors that the broker fenced. */
  fencedAfterPause: number;
  collectorKills: number;
  brokerRestarts: number;
  processorsRevived: number;
  duplicatesDropped: number;
  resends: ResendStats;
  seconds: number;
}

const reports: SeedReport[] = [];

/** Re-sent batches a set of processors dropped (verdicts duplicate, split_duplicate), from their /metrics. */
async function droppedBy(urls: string[]): Promise<number> {
  let n = 0;
  for (const url of urls)
    n +=
      (await metricSum(url, 'gamepulse_processor_batches_total', 'verdict="duplicate"')) +
      (await metricSum(url, 'gamepulse_processor_batches_total', 'verdict="split_duplicate"'));
  return n;
}

describe('kafka chaos: collector + two processors + loader on real Kafka, kill -9 and broker restarts at random moments', () => {
  afterAll(async () => {
    await stopKafka({ ...broker, log: () => undefined });
    for (const r of reports)
      console.log(
        `[chaos] seed ${r.seed}: ${r.events} events from ${r.players} players in ${r.seconds} s; processor kill -9 x${r.processorKills}, ` +
          `processor SIGSTOP/SIGCONT x${r.processorPauses} (late transactions fenced x${r.fencedAfterPause}), collector kill -9 x${r.collectorKills}, ` +
          `broker restarts x${r.brokerRestarts}, processors revived x${r.processorsRevived}; duplicate batches dropped ${r.duplicatesDropped} ` +
          `(${r.resends.doubled} sent twice, ${r.resends.ackLost} acks lost of ${r.resends.batches} batches, plus retries after kills); store = ledger: 0 lost, 0 duplicated`,
      );
  }, 120_000);

  for (const seed of SEEDS) {
    it(`seed ${seed}: the store equals the ledger exactly`, async () => {
      const started = Date.now();
      const dataDir = mkdtempSync(join(tmpdir(), `gp-chaos-${seed}-`));
      const pipeline = await Pipeline.start({
        kind: 'kafka',
        dataDir,
        keys: `${KEY}=demo:chaos`,
        processors: 2,
        processorEnv: { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' },
        broker,
        topicPrefix: `chaos-${seed.replace(/[^a-z0-9-]/gi, '')}-${Date.now().toString(36)}`,
      });
      let passed = false;
      const report: SeedReport = {
        seed,
        events: 0,
        players: PLAYERS,
        processorKills: 0,
        processorPauses: 0,
        fencedAfterPause: 0,
        collectorKills: 0,
        brokerRestarts: 0,
        processorsRevived: 0,
        duplicatesDropped: 0,
        resends: newResendStats(),
        seconds: 0,
      };
      try {
        const ledger = new Ledger();
        // What the SDK gave up on (dropped or refused for good): the ledger counts it as
        // tracked, so any of it would show as a loss that is not the pipeline's.
        type Stats = { droppedByReason: Record<string, number>; queued: number; inFlight: number };
        const clients: Array<{ stats(): Stats }> = [];
        const track = <C extends { stats(): Stats }>(c: C): C => (clients.push(c), c);
        const rejected: Record<string, number> = {};
        const net = seededRandom(`${seed}/network`);
        const sim = createSimulator({
          players: PLAYERS,
          seed,
          days: 1,
          startMs: recentUtcMidnight(3),
          concurrency: 24,
          ledger,
          createClient: (p, clock) =>
            track(
              createNodeGamepulse(
                simPlayerSdkOptions(p, clock, {
                  gameKey: KEY,
                  gameId: 'demo',
                  ...mixedTransport(p, pipeline.ports),
                  maxBatchEvents: 40,
                  retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
                  // Scaled like the retries: with the defaults (open 30 s, doubling to 5 min
                  // while probes fail) a player whose probes fell into the broker restart
                  // waited minutes after the pipeline was back, which only made runs long.
                  circuitBreaker: { openMs: 500, maxOpenMs: 4_000 },
                  // A player's last flush (at shutdown) may fall into an outage: let it wait
                  // for the pipeline rather than give up and leave its events unsent.
                  flushTimeoutMs: 300_000,
                  wrapTransport: (t) => permanentFailures(resending(t, net, report.resends, { double: 0.1, loseAck: 0.1 }), rejected),
                }),
              ),
            ),
        });

        // Every kind of fault at least once, in a seeded order, at seeded moments of the run.
        const rnd = seededRandom(`${seed}/chaos`);
        const actions: Action[] = ['kill-processor', 'kill-collector', 'restart-broker', 'kill-processor'];
        for (let i = actions.length - 1; i > 0; i--) {
          const j = Math.floor(rnd.next() * (i + 1));
          [actions[i], actions[j]] = [actions[j]!, actions[i]!];
        }
        // The pause comes first, at the earliest moment: it needs a processor with work not
        // yet committed, and late in a run the traffic may be over.
        actions.unshift('pause-processor');
        const moments = actions.map(() => 0.1 + rnd.next() * 0.75).sort((a, b) => a - b);
        const chaos = (async () => {
          for (const [i, action] of actions.entries()) {
            await until(
              () => sim.stats().playersFinished >= PLAYERS * moments[i]!,
              () => `${Math.ceil(PLAYERS * moments[i]!)} players finished (have ${sim.stats().playersFinished})`,
              { timeoutMs: 600_000, everyMs: 20 },
            );
            const at = sim.stats().eventsTracked;
            if (action === 'kill-processor') {
              const victim = Math.floor(rnd.next() * 2);
              report.duplicatesDropped += await droppedBy([pipeline.processorMetricsUrls()[victim]!]);
              await pipeline.killProcessor(victim);
              report.processorKills++;
            } else if (action === 'pause-processor') {
              const pause = await pauseProcessor(pipeline);
              console.log(
                `[chaos ${seed}] processor ${pause.victim} paused holding partitions ${pause.heldBefore.join(', ')} with uncommitted work; all moved to processor ${1 - pause.victim} ` +
                  `after ${pause.movedAfterS} s; ${pause.fenced} late transaction(s) fenced after SIGCONT (pause ${pause.attempts})`,
              );
              report.processorPauses++;
              report.fencedAfterPause += pause.fenced;
            } else if (action === 'kill-collector') {
              await pipeline.killCollector();
              report.collectorKills++;
            } else {
              await pipeline.restartBroker({ downMs: Math.floor(rnd.next() * 2_000) });
              report.brokerRestarts++;
            }
            report.processorsRevived += await pipeline.reviveExitedProcessors();
            console.log(`[chaos ${seed}] ${action} at ${at} tracked events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
          }
        })();

        const progress = setInterval(
          () => console.log(`[chaos ${seed}] ${JSON.stringify(sim.stats())} resends=${JSON.stringify(report.resends)}`),
          5_000,
        );
        const stats = await sim.run().finally(() => clearInterval(progress));
        await chaos;
        report.processorsRevived += await pipeline.reviveExitedProcessors();
        const expected = ledger.totals();
        expect(stats.eventsTracked).toBe(expected.events);
        const drops: Record<string, number> = {};
        for (const c of clients) for (const [code, n] of Object.entries(c.stats().droppedByReason)) drops[code] = (drops[code] ?? 0) + n;
        const undelivered = clients.reduce((n, c) => n + c.stats().queued + c.stats().inFlight, 0);
        expect({ drops, rejected, undelivered }, 'the SDK dropped, could not deliver, or the collector refused events for good').toEqual({
          drops: {},
          rejected: {},
          undelivered: 0,
        });
        report.events = expected.events;
        const seen = await waitForTotal(pipeline.ports.query, expected.events, 240_000, 3_000);
        report.duplicatesDropped += await droppedBy(pipeline.processorMetricsUrls());
        printSeedReport({
          suite: 'kafka-chaos',
          seed,
          events: expected.events,
          stored: seen,
          resends: {
            batches: report.resends.batches,
            doubled: report.resends.doubled,
            ackLost: report.resends.ackLost,
            'duplicate batches dropped': report.duplicatesDropped,
          },
          faults: {
            'processor kill -9': report.processorKills,
            'processor SIGSTOP/SIGCONT': report.processorPauses,
            'late transactions fenced': report.fencedAfterPause,
            'collector kill -9': report.collectorKills,
            'broker restart': report.brokerRestarts,
          },
        });
        expect(seen, `events in the store (seed ${seed})`).toBe(expected.events);
        expect(await pipeline.stopStoreWriter()).toBe(0);
        await expectStoreEqualsLedger(pipeline.storePath, expected);
        expect(report.processorKills + report.processorPauses + report.collectorKills + report.brokerRestarts).toBe(actions.length);
        expect(report.fencedAfterPause, 'late transactions of the paused processor fenced').toBeGreaterThanOrEqual(report.processorPauses);
        report.seconds = Math.round((Date.now() - started) / 1000);
        reports.push(report);
        passed = true;
      } finally {
        await pipeline.stop();
        // A failed seed keeps its service logs and data to look at.
        if (passed) rmSync(dataDir, { recursive: true, force: true });
        else console.error(`[chaos ${seed}] failed: logs and data kept in ${dataDir}`);
      }
    }, 600_000);
  }
});
