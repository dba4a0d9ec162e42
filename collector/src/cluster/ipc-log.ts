/**
 * The embedded log over IPC, for cluster mode. The embedded log is single-writer per
 * directory (a lock file), so in cluster mode the primary process owns it and the
 * workers append through it:
 *
 *   worker: append(topic, records) ──IPC──▶ primary: producer.append (fsync'd)
 *   worker: ◀──IPC── result (placements or LogFailure) ── only after the append resolved
 *
 * A worker acknowledges a batch only after the primary's reply says the append is
 * durable, so "acked ⇒ durable" holds exactly as in one process. If the primary goes
 * away, every pending append fails (GP_LOG_UNAVAILABLE, retryable): no ack without a
 * durable write, ever. Records travel as Uint8Array over Node's "advanced" (structured
 * clone) IPC serialization; the primary's group commit batches the fsyncs of all
 * workers together.
 */
import type { AppendResult, Log, LogFailure, LogHealth, LogProducer, LogRecord, TopicSpec } from '@gamepulse/log';

/** What both ends need of a process / cluster-worker channel. */
export interface IpcChannel {
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

type Request =
  | { gp: 'log'; id: number; op: 'append'; topic: string; records: LogRecord[] }
  | { gp: 'log'; id: number; op: 'ensureTopics'; topics: TopicSpec[] }
  | { gp: 'log'; id: number; op: 'health' };

type Reply = { gp: 'log-reply'; id: number; value?: unknown; error?: string };

function isRequest(m: unknown): m is Request {
  return typeof m === 'object' && m !== null && (m as { gp?: unknown }).gp === 'log';
}

function isReply(m: unknown): m is Reply {
  return typeof m === 'object' && m !== null && (m as { gp?: unknown }).gp === 'log-reply';
}

/** Primary side: answers one worker's log requests with the real log. Returns an unsubscribe. */
export function serveLogOverIpc(log: Log, channel: IpcChannel): () => void {
  const producer = log.producer();
  const onMessage = (m: unknown) => {
    if (!isRequest(m)) return;
    const reply = (value: unknown, error?: string) => {
      try {
        channel.send(error === undefined ? { gp: 'log-reply', id: m.id, value } : { gp: 'log-reply', id: m.id, error });
      } catch {
        // The worker is gone; its pending request died with it.
      }
    };
    let work: Promise<unknown>;
    if (m.op === 'append') {
      // Structured clone turns Buffers into Uint8Arrays: exactly what LogRecord.value is.
      work = producer
        .append(m.topic, m.records)
        .catch((err: unknown): AppendResult => ({ ok: false, code: 'GP_LOG_IO', message: (err as Error).message, retryable: false }));
    } else if (m.op === 'ensureTopics') work = log.ensureTopics(m.topics);
    else work = log.health();
    work.then(
      (value) => reply(value),
      (err: unknown) => reply(undefined, (err as Error).message),
    );
  };
  channel.on('message', onMessage);
  return () => channel.off('message', onMessage);
}

const GONE: LogFailure = { ok: false, code: 'GP_LOG_UNAVAILABLE', message: 'the primary process (log owner) is gone', retryable: true };

/** Worker side: a `Log` whose writes go to the primary. Reading is not a collector's business. */
export function createIpcLog(channel: IpcChannel): Log {
  let nextId = 1;
  let gone = false;
  const pending = new Map<number, { resolve: (r: Reply) => void }>();
  channel.on('message', (m: unknown) => {
    if (!isReply(m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    p.resolve(m);
  });
  channel.on('disconnect', () => {
    gone = true;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve({ gp: 'log-reply', id, error: GONE.message });
    }
  });
  const call = (req: Omit<Request, 'gp' | 'id'>): Promise<Reply> => {
    if (gone) return Promise.resolve({ gp: 'log-reply', id: 0, error: GONE.message });
    const id = nextId++;
    return new Promise<Reply>((resolve) => {
      pending.set(id, { resolve });
      try {
        // `send` returning false only means backlogged (it is still delivered); a throw
        // means the channel is closed.
        channel.send({ gp: 'log', id, ...req });
      } catch (err) {
        pending.delete(id);
        resolve({ gp: 'log-reply', id, error: `${GONE.message} (${(err as Error).message})` });
      }
    });
  };
  const producer: LogProducer = {
    async append(topic, records) {
      const r = await call({ op: 'append', topic, records } as Omit<Request, 'gp' | 'id'>);
      if (r.error !== undefined) return { ...GONE, message: r.error };
      return r.value as AppendResult;
    },
  };
  const unsupported = (what: string) => () => {
    throw new Error(`${what} is not available in a collector worker (the primary owns the log)`);
  };
  return {
    kind: 'embedded',
    async ensureTopics(topics) {
      const r = await call({ op: 'ensureTopics', topics } as Omit<Request, 'gp' | 'id'>);
      if (r.error !== undefined) throw new Error(r.error);
    },
    partitions: unsupported('partitions'),
    producer: () => producer,
    consumer: unsupported('consumer'),
    committed: unsupported('committed'),
    endOffsets: unsupported('endOffsets'),
    async health(): Promise<LogHealth> {
      const r = await call({ op: 'health' });
      return r.error !== undefined ? { ok: false, detail: r.error } : (r.value as LogHealth);
    },
    async close() {
      // The primary closes the log after every worker exited.
    },
  };
}
