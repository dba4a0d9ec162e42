/**
 * gzip in the browser: the native CompressionStream (Chrome 80, Safari 16.4,
 * Firefox 113) off the main thread; fflate's synchronous gzip only where it is
 * missing, loaded on demand (a separate chunk, so it costs the core bundle nothing).
 * Both write mtime 0, so the same batch compresses to the same body.
 */
import type { Compressor } from '../core/compress.ts';

async function viaCompressionStream(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function createBrowserGzip(): Compressor {
  const native = typeof CompressionStream === 'function';
  return {
    encoding: 'gzip',
    compress: async (bytes) => (native ? viaCompressionStream(bytes) : (await import('fflate')).gzipSync(bytes, { mtime: 0 })),
  };
}
