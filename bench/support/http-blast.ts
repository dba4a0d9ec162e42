/**
 * Replays captured batches over HTTP/1.1 keep-alive with a fixed number in flight.
 *
 * Order: the time the SDK sent each batch (simulated clock), the way a live pipeline
 * receives traffic — at any moment it holds events of the last minute or two, not of
 * the whole hour. An install's batches still go one at a time and in sequence, as one
 * SDK sends them: a batch waits for its install's previous one to be acknowledged.
 *
 * The client is a few lines over `net` sockets rather than `http.request`: the load
 * generator shares the two cores with what it measures, and Node's HTTP client costs
 * about a tenth of the whole run's CPU (docs/performance.md).
 * It sends pre-built request bytes and reads only the status line and Content-Length,
 * which is all the collector's responses use.
 */
import { connect, type Socket } from 'node:net';
import type { CapturedBatch } from './batches.ts';

export interface BlastResult {
  sentBatches: number;
  ackedEvents: number;
  failures: number;
  firstSendAt: number;
  lastAckAt: number;
  ackLatencyMs: number[];
}

interface Response {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection; one request at a time. Reconnects when the server closes it. */
class Connection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: Response) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly port: number) {}

  private open(): Socket {
    const socket = connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.parse();
    });
    const fail = (err: Error) => {
      if (this.socket === socket) this.socket = undefined;
      this.buffered = Buffer.alloc(0);
      const p = this.pending;
      this.pending = undefined;
      p?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    return socket;
  }

  private parse(): void {
    if (!this.pending) return;
    const headerEnd = this.buffered.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.buffered.subarray(0, headerEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!m) {
      this.socket?.destroy(new Error(`response without Content-Length: ${head.split('\r\n')[0]}`));
      return;
    }
    const bodyStart = headerEnd + 4;
    const bodyEnd = bodyStart + Number(m[1]);
    if (this.buffered.length < bodyEnd) return;
    const body = this.buffered.subarray(bodyStart, bodyEnd);
    this.buffered = this.buffered.subarray(bodyEnd);
    const p = this.pending;
    this.pending = undefined;
    if (/\r\nconnection: *close/i.test(head)) {
      const s = this.socket;
      this.socket = undefined;
      s?.end();
    }
    p.resolve({ status, body });
  }

  request(bytes: Buffer): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket ??= this.open();
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

function requestBytes(key: string, body: Buffer): Buffer {
  const head =
    'POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n' +
    `x-gamepulse-key: ${key}\r\ncontent-type: application/x-protobuf\r\ncontent-encoding: gzip\r\n` +
    `accept: application/x-protobuf\r\ncontent-length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export async function blast(batches: CapturedBatch[], opts: { port: number; key: string; inFlight: number }): Promise<BlastResult> {
  const ordered = batches
    .map((b, i) => ({ b, i }))
    .sort((x, y) => x.b.sentAtMs - y.b.sentAtMs || x.i - y.i)
    .map((x) => x.b);
  const requests = ordered.map((b) => requestBytes(opts.key, b.gzipped));
  // Each install's last batch handed out: the next one waits for it.
  const lastOfInstall = new Map<string, Promise<void>>();
  let next = 0;
  const result: BlastResult = { sentBatches: 0, ackedEvents: 0, failures: 0, firstSendAt: Date.now(), lastAckAt: 0, ackLatencyMs: [] };

  async function send(conn: Connection, i: number): Promise<void> {
    const b = ordered[i]!;
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      const res = await conn.request(requests[i]!).catch((err: Error) => ({ status: 0, body: Buffer.from(err.message) }));
      if (res.status === 200) {
        result.ackLatencyMs.push(performance.now() - t0);
        result.ackedEvents += b.events;
        result.sentBatches++;
        result.lastAckAt = Date.now();
        return;
      }
      result.failures++;
      if (attempt > 20) throw new Error(`batch refused ${attempt} times: ${res.status} ${res.body.toString()}`);
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }

  const conns = Array.from({ length: opts.inFlight }, () => new Connection(opts.port));
  try {
    await Promise.all(
      conns.map(async (conn) => {
        while (next < ordered.length) {
          const i = next++;
          const installId = ordered[i]!.installId;
          const before = lastOfInstall.get(installId);
          const done = (before ?? Promise.resolve()).then(() => send(conn, i));
          lastOfInstall.set(installId, done);
          await done;
          if (lastOfInstall.get(installId) === done) lastOfInstall.delete(installId);
        }
      }),
    );
  } finally {
    for (const c of conns) c.close();
  }
  return result;
}

/**
 * Collector environment for a capacity run: no per-key events/s limit. That limit
 * (GAMEPULSE_COLLECTOR_RATE_LIMIT_KEY_EVENTS_PER_S, 100k/s by default) is a policy per
 * game key, and the bench sends everything under one key: with it on, the run measures
 * the policy (acks stalled at ~109k events/s), not the pipeline. Per-player limits stay on.
 */
export const NO_KEY_RATE_LIMIT = { GAMEPULSE_COLLECTOR_RATE_LIMIT_KEY_EVENTS_PER_S: '0' } as const;
