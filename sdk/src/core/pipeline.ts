/**
 * The SDK's parts wired together for one client: storage writes in order
 * (Persistence), the journal, the queue, and delivery over
 *   transports → wrapTransport → fallback → timing → retry (backoff, breaker, offline).
 * The client (client.ts) owns the lifecycle and the game-facing API on top of it.
 */
import type { PlatformDeps } from './api.ts';
import { CircuitBreaker } from './breaker.ts';
import { alwaysOnline, type Connectivity } from './connectivity.ts';
import type { Report } from './debug.ts';
import { Delivery } from './delivery.ts';
import type { DropCounter } from './drops.ts';
import { withFallback, withTiming } from './fallback.ts';
import { Journal } from './journal.ts';
import type { SendLock } from './lock.ts';
import type { ResolvedOptions } from './options.ts';
import { Persistence } from './persistence.ts';
import { EventQueue } from './queue.ts';
import { withRetry } from './retry.ts';
import type { PersistedState } from './storage.ts';
import type { Transport } from './transport.ts';

export interface Pipeline {
  persistence: Persistence;
  journal: Journal;
  queue: EventQueue;
  breaker: CircuitBreaker;
  /** The platform transports behind the fallback (its name is the one in use). */
  transport: Transport;
  delivery: Delivery;
  connectivity: Connectivity;
}

export interface PipelineInputs {
  o: ResolvedOptions;
  deps: PlatformDeps;
  lock: SendLock;
  report: Report;
  drops: DropCounter;
  /** The install's state, once loaded (what saveState writes). */
  state: () => PersistedState | undefined;
  maxEventBytes: number;
}

export function createPipeline({ o, deps, lock, report, drops, state, maxEventBytes }: PipelineInputs): Pipeline {
  const persistence = new Persistence(deps.storage, state, (operation, cause) =>
    report('error', 'GP_SDK_STORAGE_FAILED', { message: `storage.${operation} failed: ${String(cause)}`, cause }),
  );
  const journal = new Journal(persistence, () => persistence.journals);
  const breaker = new CircuitBreaker(o.circuitBreaker);
  const connectivity = deps.connectivity ?? alwaysOnline;
  const platform = Array.isArray(deps.transport) ? (deps.transport as readonly Transport[]) : [deps.transport as Transport];
  const transport = withFallback(
    platform.map((t) => (o.wrapTransport ? o.wrapTransport(t) : t)),
    {
      clock: o.clock,
      retryPreferredAfterMs: o.retryPreferredTransportAfterMs,
      onSwitch: (from, to, reason) => report('warn', 'GP_SDK_TRANSPORT_FALLBACK', { message: `${from} unavailable (${reason}); using ${to}` }),
    },
  );
  let delivery: Delivery | undefined;
  const queue = new EventQueue({
    maxBytes: o.maxQueueBytes,
    otherBytes: () => delivery?.pendingBytes ?? 0,
    drops,
    onEvicted: (e) => {
      journal.forget(new Set([e.id]));
      void persistence.deleteJournal([e.id]);
    },
  });
  const retrying = withRetry(withTiming(transport, o.clock), {
    policy: o.retry,
    clock: o.clock,
    random: o.random,
    breaker,
    connectivity,
    onRetry: ({ batch, attempt, delayMs, failure }) => {
      if (delivery) delivery.counters.retries++;
      report('info', 'GP_SDK_SEND_RETRY', {
        message: `${failure.serverCode ?? failure.code}${failure.message ? ` (${failure.message})` : ''}`,
        batchSequence: batch.sequence,
        attempt,
        delayMs,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
      });
    },
  });
  delivery = new Delivery({
    transport: retrying,
    clock: o.clock,
    context: o.context,
    persistence,
    journal,
    queue,
    lock,
    drops,
    report,
    onBatchAcked: o.onBatchAcked,
    maxBatchEvents: o.maxBatchEvents,
    maxEventBytes,
    flushIntervalMs: o.flushIntervalMs,
  });
  return { persistence, journal, queue, breaker, transport, delivery, connectivity };
}
