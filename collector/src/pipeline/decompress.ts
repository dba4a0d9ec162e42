/**
 * Body size limits and gzip decompression with a hard output cap.
 *
 * A gzip bomb (1 GiB of zeros is about 1 MiB of gzip) must be refused without being
 * inflated: zlib's `maxOutputLength` makes the inflater stop and fail as soon as its
 * output passes the cap, so at most the cap (plus one internal chunk) is ever allocated.
 */
import { gunzip, gunzipSync, type InputType, type ZlibOptions } from 'node:zlib';
import { failure, type CollectorFailure } from '../errors.ts';
import type { ResolvedPipelineLimits } from './limits.ts';
import type { IngestInput } from './types.ts';

type Bytes = { ok: true; bytes: Uint8Array };
type Inflated = { out?: Buffer; err?: NodeJS.ErrnoException };

/**
 * Bodies up to this size are inflated synchronously. A typical batch is 1-4 KiB of gzip
 * and the thread-pool round trip of async zlib costs several times the inflation itself
 * (docs/performance.md). Worst case for the event loop: such a body
 * may inflate to its cap of `maxBodyBytes` (1 MiB by default), about 1 ms of work.
 */
const SYNC_GUNZIP_MAX_BYTES = 8 * 1024;

function gunzipCapped(body: InputType, options: ZlibOptions, sync: boolean): Inflated | Promise<Inflated> {
  if (sync) {
    try {
      return { out: gunzipSync(body, options) };
    } catch (err) {
      return { err: err as NodeJS.ErrnoException };
    }
  }
  return new Promise((resolve) => gunzip(body, options, (err, out) => resolve(err ? { err } : { out })));
}

/**
 * gzip's magic bytes (RFC 1952 §2.3.1). They cannot start a valid EventBatch: 0x1f is
 * field 3 with wire type 7, which does not exist, so stream messages need no flag.
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The output cap for a gzip body of `compressedBytes` (see `maxCompressionRatio`). */
export function decompressedCap(compressedBytes: number, limits: ResolvedPipelineLimits): number {
  return Math.min(limits.maxDecompressedBytes, Math.max(limits.maxBodyBytes, compressedBytes * limits.maxCompressionRatio));
}

/** Applies the body limits and returns the decompressed body. */
export async function decompressBody(input: IngestInput, limits: ResolvedPipelineLimits): Promise<Bytes | CollectorFailure> {
  const { body } = input;
  const gzip = input.contentEncoding === 'gzip' || (input.contentEncoding === 'auto' && isGzip(body));
  if (input.decompressedByTransport) {
    if (body.length > limits.maxDecompressedBytes)
      return failure('GP_BODY_DECOMPRESSED_TOO_LARGE', `message is ${body.length} bytes; the limit is ${limits.maxDecompressedBytes}`);
    if (!gzip) return { ok: true, bytes: body };
  } else if (body.length > limits.maxBodyBytes)
    return failure('GP_BODY_TOO_LARGE', `body is ${body.length} bytes; the limit is ${limits.maxBodyBytes}`);
  if (!gzip) return { ok: true, bytes: body };

  const cap = decompressedCap(body.length, limits);
  const sync = body.length <= SYNC_GUNZIP_MAX_BYTES && cap <= limits.maxBodyBytes;
  const { out, err } = await gunzipCapped(body, { maxOutputLength: cap }, sync);
  if (out) return { ok: true, bytes: out };
  if (err?.code === 'ERR_BUFFER_TOO_LARGE')
    return failure(
      'GP_BODY_DECOMPRESSED_TOO_LARGE',
      cap < limits.maxDecompressedBytes
        ? `body inflates more than ${limits.maxCompressionRatio}× its ${body.length} bytes`
        : `body inflates to more than ${limits.maxDecompressedBytes} bytes`,
    );
  return failure('GP_BODY_DECOMPRESS_FAILED', `body is not valid gzip (${err?.code ?? 'unknown error'})`);
}
