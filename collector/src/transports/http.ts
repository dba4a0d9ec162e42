/**
 * HTTP transport (express 5): `POST /v1/batch` with a protobuf `EventBatch` body, plus
 * the ops routes (/healthz, /readyz, /metrics) from @gamepulse/service.
 *
 *   request:  Content-Type application/x-protobuf, Content-Encoding gzip | identity,
 *             x-gamepulse-key: <ingest key>
 *   200:      BatchAck as application/x-protobuf, or JSON with Accept: application/json
 *   error:    {"error":{"code","message","retryable"}} with the code's HTTP status;
 *             Retry-After (seconds) on retryable refusals
 *
 * Cheap checks (draining, key, content type, encoding, declared length) run before the
 * body is read, so a refused client costs no body buffering.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { BatchAck, type BatchAckData } from '@gamepulse/proto';
import { handleOps, type OpsOptions } from '@gamepulse/service';
import { ERRORS, failure, type CollectorFailure } from '../errors.ts';
import { authenticate } from '../pipeline/authenticate.ts';
import type { ContentEncoding } from '../pipeline/index.ts';
import { createCors } from './cors.ts';
import { readBody } from './http-body.ts';
import { recordRequest, type TransportContext } from './shared.ts';

export const BATCH_PATH = '/v1/batch';
export const KEY_HEADER = 'x-gamepulse-key';

/** Media types accepted for a protobuf body (there is no registered one; these are in use). */
const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf', 'application/vnd.google.protobuf', 'application/octet-stream']);

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

function isProtobuf(header: string | undefined): boolean {
  if (!header) return false;
  const semi = header.indexOf(';');
  return PROTOBUF_TYPES.has((semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase());
}

function sendError(res: ServerResponse, f: CollectorFailure, closeConnection: boolean): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (f.retryAfterS !== undefined) headers['retry-after'] = String(f.retryAfterS);
  // Unread request bytes may follow (refused before or while reading): do not try to
  // reuse the connection; Node closes it after this response instead of draining it.
  if (closeConnection) headers.connection = 'close';
  const body = JSON.stringify({ error: { code: f.code, message: f.message, retryable: f.retryable } });
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(ERRORS[f.code].httpStatus, headers).end(body);
}

function ackJson(ack: BatchAckData): string {
  // Field names as in proto3's JSON mapping (lowerCamelCase); 64-bit values as numbers,
  // not strings: all of them are below 2^53 (see decode.ts).
  return JSON.stringify({
    batchSequence: ack.batchSequence ?? 0,
    accepted: ack.accepted ?? 0,
    rejected: (ack.rejected ?? []).map((r) => ({ index: r.index ?? 0, code: r.code, field: r.field, message: r.message })),
    serverTimeMs: ack.serverTimeMs ?? 0,
  });
}

function sendAck(req: IncomingMessage, res: ServerResponse, ack: BatchAckData): void {
  if (req.headers.accept?.includes('application/json')) {
    const body = ackJson(ack);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).end(body);
    return;
  }
  const bytes = BatchAck.encode(ack).finish();
  res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': String(bytes.length) }).end(bytes);
}

function remoteIp(req: IncomingMessage): string {
  // The socket peer; a trusted-proxy X-Forwarded-For comes with the geoip issue.
  return req.socket.remoteAddress ?? '';
}

/**
 * Runs the checks that need no body; a failure means the body is never read. The key
 * comes first, as in the pipeline: an unauthenticated client learns nothing else.
 */
function precheck(ctx: TransportContext, req: IncomingMessage): CollectorFailure | ContentEncoding {
  if (ctx.isDraining()) return failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS);
  const auth = authenticate(ctx.keys, req.headers[KEY_HEADER] as string | undefined);
  if (!auth.ok) return auth;
  if (!isProtobuf(req.headers['content-type']))
    return failure('GP_BODY_CONTENT_TYPE_UNSUPPORTED', `content-type must be application/x-protobuf, got ${JSON.stringify(req.headers['content-type'] ?? '')}`);
  return parseEncoding(req.headers['content-encoding']) ?? failure('GP_BODY_ENCODING_UNSUPPORTED');
}

async function handleBatch(ctx: TransportContext, req: Request, res: Response): Promise<void> {
  const startedMs = ctx.now();
  if (ctx.isDraining()) res.setHeader('connection', 'close');
  const encoding = precheck(ctx, req);
  if (typeof encoding !== 'string') {
    recordRequest(ctx, 'http', encoding, startedMs);
    return sendError(res, encoding, true);
  }
  const read = await readBody(req, ctx.maxBodyBytes);
  if (!read.ok) {
    if ('aborted' in read) return; // the client went away; nobody to answer
    recordRequest(ctx, 'http', read, startedMs);
    return sendError(res, read, true);
  }
  const result = await ctx.ingest({
    body: read.body,
    contentEncoding: encoding,
    key: req.headers[KEY_HEADER] as string,
    receivedAtMs: startedMs,
    remote: { ip: remoteIp(req) },
  });
  recordRequest(ctx, 'http', result, startedMs);
  if (result.ok) sendAck(req, res, result.ack);
  else sendError(res, result, false);
}

export function createHttpApp(options: HttpTransportOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const cors = createCors(options.corsOrigins);

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!handleOps(options.ops, req, res)) next();
  });
  app.options(BATCH_PATH, (req: Request, res: Response) => cors.preflight(req, res));
  app.post(BATCH_PATH, (req: Request, res: Response) => {
    cors.apply(req, res);
    // Express 5 forwards a rejected promise to the error handler below.
    return handleBatch(options, req, res);
  });
  app.use((req: Request, res: Response) => {
    cors.apply(req, res);
    sendError(res, failure('GP_HTTP_NOT_FOUND', `no route ${req.method} ${req.path}; batches go to POST ${BATCH_PATH}`), false);
  });
  // Four parameters mark an error handler in express. A throw here is a bug: answer, log, keep serving.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    options.logger.error('http handler failed', { err, path: req.path });
    const f = failure('GP_INTERNAL');
    options.metrics.requests.inc({ transport: 'http', outcome: 'failed', code: f.code });
    if (res.headersSent) res.destroy();
    else sendError(res, f, true);
  });
  return app;
}
