/**
 * The SDK's parts wired together for one client: storage writes in order
 * (Persistence), the journal, the queue, and delivery over the transport stack
 * (send-stack.ts, supplied by the platform: retry, breaker, fallback, transports).
 * The client (client.ts) owns the lifecycle and the game-facing API on top of it.
 */
import type { PlatformDeps } from './api.ts';
import { alwaysOnline, type Connectivity } from './connectivity.ts';
import type { Report } from './debug.ts';
import { Delivery } from './delivery.ts';
import type { DropCounter } from './drops.ts';
import { Journal } from './journal.ts';
import type { SendLock } from './lock.ts';
import type { ResolvedOptions } from './options.ts';
import { Persistence } from './persistence.ts';
import { EventQueue } from './queue.ts';
import type { CreateSendStack, SendStack } from './send-stack.ts';
import type { PersistedState } from './storage.ts';
import type { Transport } from './transport.ts';

export interface Pipeline {
  persistence: Persistence;
  journal: Journal;
  queue: EventQueue;
  /** The transport stack: its circuit breaker and the transport in use. */
  stack: SendStack;
  delivery: Delivery;
  connectivity: Connectivity;
}

export interface PipelineInputs {
  o: ResolvedOptions;
  deps: PlatformDeps & { sendStack: CreateSendStack };
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
  const connectivity = deps.connectivity ?? alwaysOnline;
  let delivery: Delivery | undefined;
  const stack = deps.sendStack({
    o,
    platform: Array.isArray(deps.transport) ? (deps.transport as readonly Transport[]) : [deps.transport as Transport],
    connectivity,
    report,
    onRetry: (batch) => delivery?.retried(batch),
  });
  const queue = new EventQueue({
    maxBytes: o.maxQueueBytes,
    otherBytes: () => delivery?.pendingBytes ?? 0,
    drops,
    onEvicted: (e) => {
      journal.forget(new Set([e.id]));
      void persistence.deleteJournal([e.id]);
    },
  });
  delivery = new Delivery({
    transport: stack.transport,
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
  return { persistence, journal, queue, stack, delivery, connectivity };
}
