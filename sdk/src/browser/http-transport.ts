/** HTTP for browsers: the shared fetch transport with CompressionStream/fflate gzip. */
import type { Clock } from '../core/clock.ts';
import { createFetchTransport } from '../core/http/fetch-transport.ts';
import type { Transport } from '../core/transport.ts';
import { createBrowserGzip } from './gzip.ts';

export interface BrowserHttpTransportOptions {
  endpoint: string;
  gameKey: string;
  compressMinBytes: number;
  timeoutMs: number;
  clock: Clock;
}

export function createBrowserHttpTransport(o: BrowserHttpTransportOptions): Transport {
  return createFetchTransport({ ...o, compressor: createBrowserGzip() });
}
