/**
 * Stand-in collectors for the SDK's transport tests: a tiny node:http server and a
 * real @grpc/grpc-js server that decode EventBatch with the generated classes and
 * answer BatchAck. They are NOT the gamepulse collector (being written separately);
 * they implement just the wire contract of proto/gamepulse/v1 so the SDK's transports
 * can be tested against real sockets. The end-to-end test against the real collector
 * comes with it.
 *
 * Both record every request with its raw bytes and dedupe batches by
 * (install_id, batch_sequence), the way the processor will.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import {
  Metadata,
  Server as GrpcServer,
  ServerCredentials,
  type status,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { BatchAck, EventBatch } from '@gamepulse/proto';

export interface ReceivedRequest {
  /** Header / metadata values that matter to the contract. */
  headers: Record<string, string | undefined>;
  /** The body as it arrived on the wire (HTTP: possibly gzip; gRPC: after gRPC decompression). */
  wireBytes: Buffer;
  /** The EventBatch bytes. */
  batchBytes: Buffer;
  installId: string;
  batchSequence: number;
  eventIds: string[];
}

/** What the stand-in answers: an ack, or a failure. */
export type Answer =
  | { kind: 'ack' }
  | { kind: 'http-error'; status: number; headers?: Record<string, string> }
  | { kind: 'grpc-error'; code: status; trailers?: Record<string, string> };

export interface StandInCollector {
  readonly address: string;
  readonly requests: ReceivedRequest[];
  /** Distinct batches by `${installId}/${sequence}`: the first bytes seen. */
  readonly batches: Map<string, Buffer>;
  /** Event ids counted once per distinct batch. */
  readonly acceptedEventIds: string[];
  /** Answers for the next requests, in order; afterwards every request is acked. */
  script(...answers: Answer[]): void;
  close(): Promise<void>;
}

function decode(batchBytes: Buffer): Pick<ReceivedRequest, 'installId' | 'batchSequence' | 'eventIds'> {
  const o = EventBatch.toObject(EventBatch.decode(batchBytes), { longs: Number, arrays: true }) as {
    installId: string;
    batchSequence: number;
    events: Array<{ eventId: string }>;
  };
  return { installId: o.installId, batchSequence: o.batchSequence, eventIds: o.events.map((e) => e.eventId) };
}

/** Shared bookkeeping: record, dedupe, pick the answer. */
function createLedger() {
  const requests: ReceivedRequest[] = [];
  const batches = new Map<string, Buffer>();
  const acceptedEventIds: string[] = [];
  const scripted: Answer[] = [];
  return {
    requests,
    batches,
    acceptedEventIds,
    scripted,
    receive(req: ReceivedRequest): { answer: Answer; ack: Uint8Array } {
      requests.push(req);
      const answer = scripted.shift() ?? { kind: 'ack' };
      if (answer.kind === 'ack') {
        const key = `${req.installId}/${req.batchSequence}`;
        if (!batches.has(key)) {
          batches.set(key, req.batchBytes);
          acceptedEventIds.push(...req.eventIds);
        }
      }
      const ack = BatchAck.encode({ batchSequence: req.batchSequence, accepted: req.eventIds.length, serverTimeMs: Date.now() }).finish();
      return { answer, ack };
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHttpStandIn(): Promise<StandInCollector> {
  const ledger = createLedger();
  const server: HttpServer = createServer(async (req, res) => {
    const wireBytes = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/batch') {
      res.writeHead(404).end();
      return;
    }
    const encoding = req.headers['content-encoding'];
    const batchBytes = encoding === 'gzip' ? gunzipSync(wireBytes) : wireBytes;
    const { answer, ack } = ledger.receive({
      headers: {
        'content-type': req.headers['content-type'],
        'content-encoding': encoding,
        'x-gamepulse-key': req.headers['x-gamepulse-key'] as string | undefined,
      },
      wireBytes,
      batchBytes,
      ...decode(batchBytes),
    });
    if (answer.kind === 'http-error') {
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end('stand-in says no');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(ack));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `http://127.0.0.1:${port}`,
    requests: ledger.requests,
    batches: ledger.batches,
    acceptedEventIds: ledger.acceptedEventIds,
    script: (...answers) => ledger.scripted.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const identity = (b: Buffer) => b;
const COLLECTOR_SERVICE: ServiceDefinition = {
  send: {
    path: '/gamepulse.v1.Collector/Send',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

export async function startGrpcStandIn(): Promise<StandInCollector> {
  const ledger = createLedger();
  const server = new GrpcServer();
  server.addService(COLLECTOR_SERVICE, {
    send(call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      const batchBytes = call.request;
      const { answer, ack } = ledger.receive({
        headers: { 'x-gamepulse-key': call.metadata.get('x-gamepulse-key')[0]?.toString() },
        wireBytes: batchBytes,
        batchBytes,
        ...decode(batchBytes),
      });
      if (answer.kind === 'grpc-error') {
        const trailers = new Metadata();
        for (const [k, v] of Object.entries(answer.trailers ?? {})) trailers.set(k, v);
        callback({ code: answer.code, details: 'stand-in says no', metadata: trailers });
        return;
      }
      callback(null, Buffer.from(ack));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    requests: ledger.requests,
    batches: ledger.batches,
    acceptedEventIds: ledger.acceptedEventIds,
    script: (...answers) => ledger.scripted.push(...answers),
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

/** One gRPC message as framed on the wire (gRPC over HTTP/2, "Length-Prefixed-Message"). */
export interface WireMessage {
  compressed: boolean;
  payload: Buffer;
}

export interface SniffingProxy {
  readonly address: string;
  /** Client-to-server gRPC messages, in order. */
  readonly messages: WireMessage[];
  close(): Promise<void>;
}

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const H2_DATA = 0x0;
const H2_FLAG_PADDED = 0x8;

/**
 * A TCP proxy that reads the client's HTTP/2 frames (RFC 9113 §4.1: 9-byte header,
 * DATA = type 0) and reassembles gRPC messages per stream: 1 byte compressed flag,
 * 4 bytes big-endian length, message (gRPC "PROTOCOL-HTTP2.md").
 */
export async function startSniffingProxy(target: string): Promise<SniffingProxy> {
  const [host, port] = target.split(':') as [string, string];
  const messages: WireMessage[] = [];
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((client) => {
    const upstream = connect(Number(port), host);
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let prefaceSeen = false;
    const perStream = new Map<number, Buffer>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      if (!prefaceSeen) {
        if (buffer.length < H2_PREFACE.length) return;
        buffer = buffer.subarray(H2_PREFACE.length);
        prefaceSeen = true;
      }
      while (buffer.length >= 9) {
        const length = buffer.readUIntBE(0, 3);
        if (buffer.length < 9 + length) break;
        const type = buffer[3]!;
        const flags = buffer[4]!;
        const stream = buffer.readUInt32BE(5) & 0x7fffffff;
        let payload = buffer.subarray(9, 9 + length);
        buffer = buffer.subarray(9 + length);
        if (type !== H2_DATA) continue;
        if (flags & H2_FLAG_PADDED) payload = payload.subarray(1, payload.length - payload[0]!);
        let data = Buffer.concat([perStream.get(stream) ?? Buffer.alloc(0), payload]);
        while (data.length >= 5 && data.length >= 5 + data.readUInt32BE(1)) {
          const size = data.readUInt32BE(1);
          messages.push({ compressed: data[0] === 1, payload: Buffer.from(data.subarray(5, 5 + size)) });
          data = data.subarray(5 + size);
        }
        perStream.set(stream, data);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${own}`,
    messages,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
