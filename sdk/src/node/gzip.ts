/** gzip through node:zlib, off the main thread (libuv's pool), deterministic output. */
import { gzip } from 'node:zlib';
import type { Compressor } from '../core/compress.ts';

export function createNodeGzip(level = 6): Compressor {
  return {
    encoding: 'gzip',
    compress: (bytes) =>
      new Promise((resolve, reject) =>
        gzip(bytes, { level }, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength)))),
      ),
  };
}
