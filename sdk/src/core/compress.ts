/**
 * Body compression for transports that compress the payload themselves (HTTP's
 * Content-Encoding). gRPC compresses in its own framing instead. Output must be
 * deterministic for the same input (gzip with mtime 0), though the transports also
 * compress each frozen batch only once and re-send the same body.
 */
export interface Compressor {
  /** The Content-Encoding token. */
  readonly encoding: 'gzip';
  compress(bytes: Uint8Array): Promise<Uint8Array>;
}
