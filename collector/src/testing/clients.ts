/**
 * Minimal clients speaking the collector's wire contracts (for tests, the fuzz test and
 * the benchmark): a WebSocket client (ws) and a gRPC Stream client (grpc-js), each
 * collecting the StreamReplies, and a keys file writer.
 */
import { writeFile, rename } from 'node:fs/promises';
import { credentials, Metadata, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { WebSocket } from 'ws';
import { StreamReply, type StreamReplyData } from '@gamepulse/proto';
import { adminKeyHash, ingestKeyHash } from '../keys/index.ts';
import { CollectorClient } from '../transports/grpc-service.ts';

/** Decodes a StreamReply with the StreamError's defaults filled in (proto3 omits false and 0). */
export function decodeReply(bytes: Uint8Array): StreamReplyData {
  const r = StreamReply.toObject(StreamReply.decode(bytes), { longs: Number, oneofs: true }) as StreamReplyData;
  return normalizeReply(r);
}

export function normalizeReply(r: StreamReplyData): StreamReplyData {
  if (r.error) r.error = { batchSequence: 0, code: '', message: '', retryable: false, retryAfterMs: 0, ...r.error };
  if (r.ack) r.ack = { batchSequence: 0, accepted: 0, rejected: [], serverTimeMs: 0, ...r.ack };
  return r;
}

export interface WsClient {
  ws: WebSocket;
  replies: StreamReplyData[];
  /** Resolves once `n` replies arrived in total. */
  waitReplies(n: number, timeoutMs?: number): Promise<StreamReplyData[]>;
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | string): void;
}

function waiter<T>(items: T[]) {
  const waits: Array<{ n: number; resolve: () => void }> = [];
  return {
    push(item: T) {
      items.push(item);
      for (const w of waits.splice(0))
        if (items.length >= w.n) w.resolve();
        else waits.push(w);
    },
    wait(n: number, timeoutMs: number, what: string): Promise<T[]> {
      if (items.length >= n) return Promise.resolve(items);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what}: ${items.length}/${n} replies after ${timeoutMs} ms`)), timeoutMs);
        waits.push({ n, resolve: () => (clearTimeout(timer), resolve(items)) });
      });
    },
  };
}

export async function openWs(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  const replies: StreamReplyData[] = [];
  const w = waiter(replies);
  ws.on('message', (data: Buffer) => w.push(decodeReply(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    replies,
    closed,
    waitReplies: (n, timeoutMs = 10_000) => w.wait(n, timeoutMs, 'ws'),
    send: (bytes) => ws.send(bytes, { binary: typeof bytes !== 'string' }),
  };
}

export interface StreamClient {
  call: ClientDuplexStream<Uint8Array, StreamReplyData>;
  replies: StreamReplyData[];
  waitReplies(n: number, timeoutMs?: number): Promise<StreamReplyData[]>;
  /** Resolves with the call's final status (error or OK). */
  status: Promise<{ code: number; details: string; metadata: Metadata }>;
  close(): void;
}

export function openStream(address: string, key: string | undefined, options: Record<string, unknown> = {}): StreamClient {
  const client = new CollectorClient(address, credentials.createInsecure(), options);
  const metadata = new Metadata();
  if (key !== undefined) metadata.set('x-gamepulse-key', key);
  const call = client.Stream(metadata);
  const replies: StreamReplyData[] = [];
  const w = waiter(replies);
  call.on('data', (r: StreamReplyData) => w.push(normalizeReply(r)));
  const status = new Promise<{ code: number; details: string; metadata: Metadata }>((resolve) => {
    call.on('status', (s) => resolve(s));
    call.on('error', (e: ServiceError) => resolve({ code: e.code, details: e.details, metadata: e.metadata }));
  });
  return {
    call,
    replies,
    status,
    waitReplies: (n, timeoutMs = 10_000) => w.wait(n, timeoutMs, 'grpc stream'),
    close: () => client.close(),
  };
}

export interface KeysFileSpec {
  ingest?: Array<{
    secret: string;
    keyId: string;
    gameId: string;
    notBefore?: number;
    notAfter?: number;
    revoked?: boolean;
    signingSecrets?: string[];
    signatureRequired?: boolean;
    eventsPerSecond?: number;
    burstEvents?: number;
  }>;
  admin?: Array<{ secret: string; keyId: string; games: string[] }>;
}

export const TEST_SALT = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** Writes a keys file atomically (tmp + rename), hashing the given secrets. */
export async function writeKeysFile(path: string, spec: KeysFileSpec): Promise<void> {
  const salt = Buffer.from(TEST_SALT, 'hex');
  const ingestKeys = (spec.ingest ?? []).map(({ secret, ...rest }) => ({ ...rest, hash: ingestKeyHash(salt, secret) }));
  const adminKeys = await Promise.all(
    (spec.admin ?? []).map(async ({ secret, ...rest }) => ({ ...rest, hash: await adminKeyHash(secret, { N: 1024, r: 8, p: 1 }) })),
  );
  await writeFile(`${path}.tmp`, JSON.stringify({ version: 1, salt: TEST_SALT, ingestKeys, adminKeys }, null, 2));
  await rename(`${path}.tmp`, path);
}
