/**
 * gzip in the browser: the native CompressionStream (Chrome 80, Safari 16.4,
 * Firefox 113) off the main thread where available, fflate's synchronous gzip
 * otherwise. Both write mtime 0, so the same batch compresses to the same body.
 */
import { gzipSync } from 'fflate';
import type { Compressor } from '../core/compress.ts';

async function viaCompressionStream(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function createBrowserGzip(): Compressor {
  const native = typeof CompressionStream === 'function';
  return {
    encoding: 'gzip',
    compress: async (bytes) => (native ? viaCompressionStream(bytes) : gzipSync(bytes, { mtime: 0 })),
  };
}
