/**
 * The real log with appends held at a gate (tests of draining and backpressure: a batch
 * is in flight for sure), optionally failing appends on demand.
 */
import type { AppendResult, Log, LogProducer } from '@gamepulse/log';

export interface GatedLog {
  log: Log;
  /** Appends wait until `open()`; `close()` holds them again. */
  open(): void;
  close(): void;
  /** Appends started and not yet passed the gate. */
  readonly waiting: number;
  /** When set, appends resolve with this instead of writing. */
  failWith: AppendResult | undefined;
}

export function gateLog(real: Log, startOpen = false): GatedLog {
  let release: () => void = () => undefined;
  let gate: Promise<void> = startOpen ? Promise.resolve() : new Promise((r) => (release = r));
  let waiting = 0;
  const state: GatedLog = {
    log: {
      kind: real.kind,
      ensureTopics: (topics) => real.ensureTopics(topics),
      partitions: (topic) => real.partitions(topic),
      producer: (): LogProducer => {
        const producer = real.producer();
        return {
          append: async (topic, records) => {
            waiting++;
            try {
              await gate;
            } finally {
              waiting--;
            }
            return state.failWith ?? producer.append(topic, records);
          },
        };
      },
      consumer: (options) => real.consumer(options),
      committed: (group, topic) => real.committed(group, topic),
      endOffsets: (topic) => real.endOffsets(topic),
      health: () => real.health(),
      close: () => real.close(),
    },
    open() {
      release();
      gate = Promise.resolve();
    },
    close() {
      gate = new Promise((r) => (release = r));
    },
    get waiting() {
      return waiting;
    },
    failWith: undefined,
  };
  return state;
}
