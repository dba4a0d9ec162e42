/**
 * Reads a request body with a hard byte limit while it streams in: a declared
 * Content-Length over the limit is refused before one byte is read, and a chunked
 * body stops being read as soon as it passes the limit. At most `limitBytes` (plus one
 * socket chunk) is ever held.
 */
import type { IncomingMessage } from 'node:http';
import { failure, type CollectorFailure } from '../errors.ts';

export type BodyResult = { ok: true; body: Buffer } | CollectorFailure | { ok: false; aborted: true };

function tooLarge(limitBytes: number, seen: string): CollectorFailure {
  return failure('GP_BODY_TOO_LARGE', `body is ${seen} bytes; the limit is ${limitBytes}`);
}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (Number.isSafeInteger(length) && length > limitBytes) return Promise.resolve(tooLarge(limitBytes, String(length)));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        // Stop buffering; the response carries `Connection: close`, so the rest of the
        // upload is not read into memory.
        req.pause();
        finish(tooLarge(limitBytes, `more than ${limitBytes}`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received) });
    const onAbort = () => finish({ ok: false, aborted: true });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}
