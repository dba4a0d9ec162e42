/**
 * Players that share an install id, in pairs: two SDK instances with memory storage on
 * one install id, as two game servers configured with the same `installId` (or one
 * server restarted) — both number their batches from 1, so the processor sees the same
 * (game, install, sequence) twice with different events: a `collision`, which must be
 * counted, not dropped (issue #13, scenario 1).
 *
 * Their batches go out without `stream_id`, as an SDK older than stream ids sends them:
 * with stream ids the two instances would be two streams and never collide. Those SDKs
 * flush rarely (`sdkOptions`), so each sends well under 64 batches and the pair stays
 * inside one dedup window — a pair that drifted further apart would be `too_old`, which
 * this scenario does not want; `check()` fails the test if that premise breaks.
 */
import { EventBatch } from '@gamepulse/proto';
import type { FrozenBatch, Transport } from '@gamepulse/sdk';
import type { InstallProfile } from '@gamepulse/samples';

/** Highest sequence a shared install may reach and still stay inside the dedup window. */
const MAX_SHARED_SEQUENCE = 60;

export interface SharedInstallStats {
  /** Install ids used by two SDK instances. */
  installs: number;
  /** Batches (first tries) the shared instances sent. */
  batches: number;
  /** Sequences both instances of a pair sent: each is one `collision` verdict. */
  collisions: number;
}

export class SharedInstalls {
  /** Per shared install id, the highest sequence each of its (two) instances sent. */
  private readonly maxSeq = new Map<string, number[]>();
  private batches = 0;

  /** Players `i` and `i + 1` with `i % every === 0` share an install id. */
  constructor(private readonly every = 10) {}

  /** The install id the player's SDK uses: its own, or the one it shares with its pair. */
  installIdOf(p: InstallProfile): string {
    const m = /^(.*)-(\d+)$/.exec(p.installId);
    if (!m) return p.installId;
    const index = Number(m[2]);
    return index % this.every <= 1 ? `${m[1]}-shared-${index - (index % this.every)}` : p.installId;
  }

  isShared(installId: string): boolean {
    return installId.includes('-shared-');
  }

  /** SDK options for an instance on a shared install: batches fill up before they go. */
  sdkOptions(): { flushIntervalMs: number } {
    return { flushIntervalMs: 3_600_000 };
  }

  /**
   * One SDK instance on `installId`: wraps each of its transports (the SDK wraps every
   * transport of its fallback stack) so they send no stream id and record sequences.
   */
  instance(installId: string): (real: Transport) => Transport {
    const seqs = this.maxSeq.get(installId) ?? [];
    this.maxSeq.set(installId, seqs);
    const slot = seqs.push(0) - 1;
    return (real) => ({
      send: (batch, signal) => {
        if (batch.sequence > seqs[slot]!) {
          seqs[slot] = batch.sequence;
          this.batches++;
        }
        return real.send(withoutStreamId(batch), signal);
      },
      close: () => real.close?.() ?? Promise.resolve(),
    });
  }

  stats(): SharedInstallStats {
    let collisions = 0;
    for (const seqs of this.maxSeq.values()) if (seqs.length === 2) collisions += Math.min(seqs[0]!, seqs[1]!);
    return { installs: [...this.maxSeq.values()].filter((s) => s.length === 2).length, batches: this.batches, collisions };
  }

  /** Throws when a shared instance went past the window this scenario relies on. */
  check(): void {
    for (const [id, seqs] of this.maxSeq)
      if (seqs.some((s) => s > MAX_SHARED_SEQUENCE))
        throw new Error(
          `shared install ${id} reached sequence ${Math.max(...seqs)}: over ${MAX_SHARED_SEQUENCE}, the pair may leave one dedup window`,
        );
  }
}

/** The batch as an SDK without stream ids sends it. Deterministic: a re-send is the same bytes. */
function withoutStreamId(batch: FrozenBatch): FrozenBatch {
  const msg = EventBatch.decode(batch.bytes);
  if (!msg.streamId) return batch;
  msg.streamId = 0;
  return { sequence: batch.sequence, eventCount: batch.eventCount, bytes: EventBatch.encode(msg).finish() };
}
