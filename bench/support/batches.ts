/**
 * Realistic load, made once before the clock starts: the simulator plays virtual
 * players through the REAL SDK, whose transport is replaced by a capture, so each
 * batch is exactly what a game would send (SDK-encoded, then gzip-compressed as the
 * SDK's HTTP transport does). The blast then replays these bytes.
 */
import { gzipSync } from 'node:zlib';
import { createSimulator, type SimulatorOptions } from '@gamepulse/samples';
import { simPlayerSdkOptions } from '@gamepulse/testkit';
import { createNodeGamepulse } from '@gamepulse/sdk/node';

export interface CapturedBatch {
  installId: string;
  sequence: number;
  /** Encoded EventBatch, as the SDK froze it. */
  bytes: Uint8Array;
  /** The same, gzip-compressed: the HTTP body. */
  gzipped: Buffer;
  events: number;
  /** The simulated clock when the SDK sent it: the replay order. */
  sentAtMs: number;
}

/**
 * When the captured events happen, in event time (what the processor windows by):
 * - `live`: a live game's current minutes — players in one session each (median one
 *   minute, long tail; actions 600 ms apart), all starting within one minute, so most
 *   events fall in a handful of 1-minute windows. What a pipeline running at this rate
 *   sees: at 200k events/s a game has tens of thousands of players on at once, all in
 *   the current minute.
 * - `hour`: an hour of play at once — fewer players for the same events (one per ~380),
 *   each with up to four ~6-minute sessions spread over the last hour (~60 windows open
 *   together), like a backfill of offline queues. Every window and dimension key comes
 *   back in every commit: ~0.6 rollup rows per event against ~0.2 for `live`.
 */
export type TrafficShape = 'live' | 'hour';

const SHAPES: Record<TrafficShape, { eventsPerPlayer: number; sim: (now: number) => Partial<SimulatorOptions> }> = {
  live: {
    // Two log-normal draws (the player's median, then the session) put the mean
    // session near two minutes: ~210 events per player (4.27M from 20k players, measured).
    eventsPerPlayer: 210,
    sim: (now) => ({ startMs: now - 3 * 60_000, staggerMs: 60_000, sessionMedianMs: 60_000, actionGapMs: 600, maxSessionsPerPlayer: 1 }),
  },
  hour: {
    // ~100 events per session, ~4 sessions per player.
    eventsPerPlayer: 380,
    sim: (now) => ({ startMs: now - 3_600_000, staggerMs: 15 * 60_000, idleGapMs: 2 * 60_000, maxSessionsPerPlayer: 4 }),
  },
};

export async function captureBatches(opts: {
  targetEvents: number;
  shape: TrafficShape;
  seed: string;
  gameKey: string;
  gameId: string;
  log: (l: string) => void;
}): Promise<CapturedBatch[]> {
  const batches: CapturedBatch[] = [];
  let events = 0;
  const shape = SHAPES[opts.shape];
  const players = Math.max(50, Math.ceil(opts.targetEvents / shape.eventsPerPlayer));
  const started = Date.now();
  const sim = createSimulator({
    players,
    seed: opts.seed,
    days: 1,
    ...shape.sim(Date.now()),
    concurrency: 128,
    createClient: (p, clock) =>
      createNodeGamepulse(
        simPlayerSdkOptions(p, clock, {
          gameKey: opts.gameKey,
          gameId: opts.gameId,
          endpoint: 'http://capture.invalid',
          // Batches fill by count or at session end (the simulator flushes then), the way
          // a game server or a long-lived client batches: ~100 events per request.
          maxBatchEvents: 100,
          flushIntervalMs: 3_600_000,
          wrapTransport: () => ({
            async send(batch) {
              batches.push({
                installId: p.installId,
                sequence: batch.sequence,
                bytes: batch.bytes,
                gzipped: gzipSync(batch.bytes),
                events: batch.eventCount,
                sentAtMs: clock.now(),
              });
              events += batch.eventCount;
              return {
                ok: true,
                ack: { batchSequence: batch.sequence, accepted: batch.eventCount, rejected: [], serverTimeMs: clock.now() },
              };
            },
          }),
        }),
      ),
  });
  await sim.run();
  opts.log(
    `captured ${batches.length} batches, ${events} events from ${players} players (${opts.shape} shape) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return batches;
}
