/**
 * Realistic load, made once before the clock starts: the simulator plays virtual
 * players through the REAL SDK, whose transport is replaced by a capture, so each
 * batch is exactly what a game would send (SDK-encoded, then gzip-compressed as the
 * SDK's HTTP transport does). The blast then replays these bytes.
 */
import { gzipSync } from 'node:zlib';
import { createSimulator } from '@gamepulse/samples';
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

export async function captureBatches(opts: { targetEvents: number; seed: string; gameKey: string; gameId: string; log: (l: string) => void }): Promise<CapturedBatch[]> {
  const batches: CapturedBatch[] = [];
  let events = 0;
  // ~100 events per session, ~4 sessions per player: size the cohort from the target.
  const players = Math.max(50, Math.ceil(opts.targetEvents / 380));
  const started = Date.now();
  // Real-time shape: every player's sessions fall in the last hour or so, the way a
  // live pipeline sees them (a backfill over days would spread rows over many windows).
  const sim = createSimulator({
    players,
    seed: opts.seed,
    days: 1,
    startMs: Date.now() - 3_600_000,
    staggerMs: 15 * 60_000,
    idleGapMs: 2 * 60_000,
    maxSessionsPerPlayer: 4,
    concurrency: 128,
    createClient: (p, clock) =>
      createNodeGamepulse({
        gameKey: opts.gameKey,
        gameId: opts.gameId,
        endpoint: 'http://capture.invalid',
        installId: p.installId,
        playerId: p.playerId,
        platform: p.platform,
        build: p.build,
        country: p.country,
        locale: p.locale,
        // Batches fill by count or at session end (the simulator flushes then), the way
        // a game server or a long-lived client batches: ~100 events per request.
        maxBatchEvents: 100,
        flushIntervalMs: 3_600_000,
        clock,
        wrapTransport: () => ({
          async send(batch) {
            batches.push({ installId: p.installId, sequence: batch.sequence, bytes: batch.bytes, gzipped: gzipSync(batch.bytes), events: batch.eventCount, sentAtMs: clock.now() });
            events += batch.eventCount;
            return { ok: true, ack: { batchSequence: batch.sequence, accepted: batch.eventCount, rejected: [], serverTimeMs: clock.now() } };
          },
        }),
      }),
  });
  await sim.run();
  opts.log(`captured ${batches.length} batches, ${events} events from ${players} players in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return batches;
}
