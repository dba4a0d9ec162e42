/**
 * HTTP transport (express 5): `POST /v1/batch` with a protobuf or proto3-JSON
 * `EventBatch` body, `POST /v1/privacy/deletion`, plus the ops routes (/healthz,
 * /readyz, /metrics) from @gamepulse/service. The WebSocket endpoint `/v1/ws` is an
 * upgrade on the same server (websocket.ts).
 *
 *   request:  Content-Type application/x-protobuf | application/json,
 *             Content-Encoding gzip | identity, x-gamepulse-key: <ingest key>,
 *             optional x-gamepulse-signature (keys/signature.ts)
 *   beacon:   `navigator.sendBeacon` cannot set headers, so `POST /v1/batch?key=<ingest
 *             key>` with no Content-Type is taken as an identity-encoded protobuf batch.
 *             Ingest keys ship inside every game build (they are not secrets), so the
 *             key in a URL reveals nothing new; a header key wins when both are sent.
 *   200:      BatchAck as application/x-protobuf, or JSON with Accept: application/json
 *             (JSON requests get JSON unless they Accept protobuf)
 *   error:    {"error":{"code","message","retryable"}} with the code's HTTP status;
 *             Retry-After (seconds) on retryable refusals (429, 5xx)
 *
 * Cheap checks (draining, key, rate, load, content type, encoding, declared length) run
 * before the body is read, so a refused client costs no body buffering.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { BatchAck, type BatchAckData } from '@gamepulse/proto';
import { handleOps, type OpsOptions } from '@gamepulse/service';
import { COLLECTOR_ERRORS, failure, type CollectorFailure } from '../errors.ts';
import { SIGNATURE_HEADER, verifySignature } from '../keys/index.ts';
import type { BodyFormat, ContentEncoding } from '../pipeline/index.ts';
import { DELETION_MAX_BODY_BYTES, DELETION_PATH, parseDeletion, recordDeletion, type DeletionAuth } from '../privacy/deletion.ts';
import { createCors } from './cors.ts';
import { readBody } from './http-body.ts';
import { logAuthRefusal, precheck, recordRequest, type TransportContext } from './shared.ts';

export const BATCH_PATH = '/v1/batch';
export const KEY_HEADER = 'x-gamepulse-key';

/** Media types accepted for a protobuf body (there is no registered one; these are in use). */
const PROTOBUF_TYPES = new Set([
  'application/x-protobuf',
  'application/protobuf',
  'application/vnd.google.protobuf',
  'application/octet-stream',
]);
const JSON_TYPES = new Set(['application/json']);

export interface HttpTransportOptions extends TransportContext {
  ops: OpsOptions;
  /** Origins allowed to post from a browser; `*` for any. */
  corsOrigins: readonly string[];
}

/** RFC 9110 §8.4.1.3: "x-gzip" is an alias of gzip. Absent means identity. */
function parseEncoding(header: string | undefined): ContentEncoding | undefined {
  if (header === undefined) return 'identity';
  const value = header.trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'identity' || value === '') return 'identity';
  return undefined;
}

function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

function formatOf(header: string | undefined): BodyFormat | undefined {
  const type = mediaType(header);
  if (PROTOBUF_TYPES.has(type)) return 'protobuf';
  if (JSON_TYPES.has(type)) return 'json';
  return undefined;
}

function sendError(res: ServerResponse, f: CollectorFailure, closeConnection: boolean): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (f.retryAfterS !== undefined) headers['retry-after'] = String(f.retryAfterS);
  // Unread request bytes may follow (refused before or while reading): do not try to
  // reuse the connection; Node closes it after this response instead of draining it.
  if (closeConnection) headers.connection = 'close';
  const body = JSON.stringify({ error: { code: f.code, message: f.message, retryable: f.retryable } });
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(COLLECTOR_ERRORS[f.code].httpStatus, headers).end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).end(body);
}

function ackJson(ack: BatchAckData): unknown {
  // Field names as in proto3's JSON mapping (lowerCamelCase); 64-bit values as numbers,
  // not strings: all of them are below 2^53 (see decode.ts).
  return {
    batchSequence: ack.batchSequence ?? 0,
    accepted: ack.accepted ?? 0,
    rejected: (ack.rejected ?? []).map((r) => ({ index: r.index ?? 0, code: r.code, field: r.field, message: r.message })),
    serverTimeMs: ack.serverTimeMs ?? 0,
  };
}

function wantsJson(req: IncomingMessage, format: BodyFormat): boolean {
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/json')) return true;
  return format === 'json' && !accept.includes('protobuf');
}

function sendAck(req: IncomingMessage, res: ServerResponse, ack: BatchAckData, format: BodyFormat): void {
  if (wantsJson(req, format)) return sendJson(res, 200, ackJson(ack));
  const bytes = BatchAck.encode(ack).finish();
  res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': String(bytes.length) }).end(bytes);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** The ingest key: the header, else `?key=` (beacons cannot set headers). */
function ingestKey(req: IncomingMessage): string | undefined {
  const fromHeader = header(req, KEY_HEADER);
  if (fromHeader !== undefined) return fromHeader;
  const q = req.url?.indexOf('?') ?? -1;
  return q === -1 ? undefined : (new URLSearchParams(req.url!.slice(q + 1)).get('key') ?? undefined);
}

/** No Content-Type at all is what a beacon with an untyped Blob sends: protobuf. */
function bodyFormat(req: IncomingMessage): BodyFormat | undefined {
  const type = req.headers['content-type'];
  return type === undefined ? 'protobuf' : formatOf(type);
}

async function handleBatch(ctx: TransportContext, req: Request, res: Response): Promise<void> {
  const startedMs = ctx.now();
  if (ctx.isDraining()) res.setHeader('connection', 'close');
  const ip = ctx.clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for']);
  const refuse = (f: CollectorFailure, close: boolean) => {
    recordRequest(ctx, 'http', f, startedMs);
    logAuthRefusal(ctx, f, 'http', ip);
    sendError(res, f, close);
  };
  const key = ingestKey(req);
  const admitted = precheck(ctx, key, startedMs);
  if (!admitted.ok) return refuse(admitted, true);
  const format = bodyFormat(req);
  if (!format)
    return refuse(
      failure(
        'GP_BODY_CONTENT_TYPE_UNSUPPORTED',
        `content-type must be application/x-protobuf or application/json, got ${JSON.stringify(req.headers['content-type'] ?? '')}`,
      ),
      true,
    );
  const encoding = parseEncoding(req.headers['content-encoding']);
  if (!encoding) return refuse(failure('GP_BODY_ENCODING_UNSUPPORTED'), true);
  if (admitted.key.signatureRequired && !header(req, SIGNATURE_HEADER)) return refuse(failure('GP_AUTH_SIGNATURE_MISSING'), true);

  const read = await readBody(req, ctx.maxBodyBytes);
  if (!read.ok) {
    if ('aborted' in read) return; // the client went away; nobody to answer
    return refuse(read, true);
  }
  const result = await ctx.ingest({
    body: read.body,
    contentEncoding: encoding,
    format,
    key,
    signature: header(req, SIGNATURE_HEADER),
    receivedAtMs: startedMs,
    remote: { ip, userAgent: header(req, 'user-agent') },
  });
  if (!result.ok) return refuse(result, false);
  recordRequest(ctx, 'http', result, startedMs);
  sendAck(req, res, result.ack, format);
}

async function handleDeletion(ctx: TransportContext, req: Request, res: Response): Promise<void> {
  const startedMs = ctx.now();
  const ip = ctx.clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for']);
  let source: 'sdk' | 'admin' | 'none' = 'none';
  const refuse = (f: CollectorFailure, close: boolean) => {
    ctx.metrics.deletions.inc({ outcome: COLLECTOR_ERRORS[f.code].httpStatus >= 500 ? 'failed' : 'refused', code: f.code, source });
    logAuthRefusal(ctx, f, 'http', ip);
    sendError(res, f, close);
  };
  if (ctx.isDraining()) return refuse(failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS), true);
  const secret = header(req, KEY_HEADER);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')?.[1];
  let auth: DeletionAuth;
  if (secret) {
    source = 'sdk';
    const admitted = precheck(ctx, secret, startedMs);
    if (!admitted.ok) return refuse(admitted, true);
    auth = { source: 'sdk', key: admitted.key };
  } else if (bearer) {
    source = 'admin';
    const verified = await ctx.keys.verifyAdmin(bearer, startedMs);
    if (!verified.ok) return refuse(verified, true);
    auth = { source: 'admin', admin: verified.admin };
  } else return refuse(failure('GP_AUTH_CREDENTIALS_MISSING'), true);

  if (formatOf(req.headers['content-type']) !== 'json')
    return refuse(failure('GP_BODY_CONTENT_TYPE_UNSUPPORTED', 'content-type must be application/json'), true);
  const read = await readBody(req, DELETION_MAX_BODY_BYTES);
  if (!read.ok) {
    if ('aborted' in read) return;
    return refuse(read, true);
  }
  if (auth.source === 'sdk') {
    const signed = verifySignature(auth.key, header(req, SIGNATURE_HEADER), read.body, ctx.now(), ctx.signatureToleranceS);
    if (!signed.ok) return refuse(signed, false);
    if (ctx.rateLimiter) {
      const rate = ctx.rateLimiter.charge(auth.key, 1, new Map(), startedMs);
      if (!rate.ok) return refuse(rate, false);
    }
  }
  const parsed = parseDeletion(read.body, auth);
  if (!parsed.ok) return refuse(parsed, false);
  const recorded = await recordDeletion(ctx.producer, ctx.deletionsTopic, parsed.target, auth, ctx.now(), ctx.retryAfterS);
  if (!recorded.ok) return refuse(recorded, false);
  ctx.metrics.deletions.inc({ outcome: 'accepted', code: 'OK', source });
  sendJson(res, 202, { requestId: recorded.requestId });
}

/**
 * The server's request handler: `POST /v1/batch` — the hot path, thousands per second —
 * is served directly; everything else goes through the express app. Express's router
 * and middleware chain cost as much CPU per request as gunzip and decode of a
 * 60-event batch together, and a batch request needs none of it.
 */
export function createHttpHandler(options: HttpTransportOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createHttpApp(options);
  const cors = createCors(options.corsOrigins);
  return (req, res) => {
    if (req.method !== 'POST' || !isBatchPath(req.url)) return void app(req as Request, res as Response);
    cors.apply(req, res);
    handleBatch(options, req as Request, res as Response).catch((err: unknown) => internalError(options, err, BATCH_PATH, res));
  };
}

/** `/v1/batch`, with or without a query string. */
function isBatchPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(BATCH_PATH) && (url.length === BATCH_PATH.length || url[BATCH_PATH.length] === '?');
}

/** A throw in a handler is a bug: answer, log, keep serving. */
function internalError(options: HttpTransportOptions, err: unknown, path: string, res: ServerResponse): void {
  options.logger.error('http handler failed', { err, path });
  const f = failure('GP_INTERNAL');
  options.metrics.requests.inc({ transport: 'http', outcome: 'failed', code: f.code });
  if (res.headersSent) res.destroy();
  else sendError(res, f, true);
}

export function createHttpApp(options: HttpTransportOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const cors = createCors(options.corsOrigins);

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!handleOps(options.ops, req, res)) next();
  });
  app.options([BATCH_PATH, DELETION_PATH], (req: Request, res: Response) => cors.preflight(req, res));
  app.post(BATCH_PATH, (req: Request, res: Response) => {
    cors.apply(req, res);
    // Express 5 forwards a rejected promise to the error handler below.
    return handleBatch(options, req, res);
  });
  app.post(DELETION_PATH, (req: Request, res: Response) => {
    cors.apply(req, res);
    return handleDeletion(options, req, res);
  });
  app.use((req: Request, res: Response) => {
    cors.apply(req, res);
    sendError(res, failure('GP_HTTP_NOT_FOUND', `no route ${req.method} ${req.path}; batches go to POST ${BATCH_PATH}`), false);
  });
  // Four parameters mark an error handler in express.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => internalError(options, err, req.path, res));
  return app;
}
