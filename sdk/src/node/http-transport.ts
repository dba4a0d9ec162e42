/** HTTP for Node: the shared fetch transport with node:zlib gzip. */
import type { Clock } from '../core/clock.ts';
import { createFetchTransport } from '../core/http/fetch-transport.ts';
import type { Transport } from '../core/transport.ts';
import { createNodeGzip } from './gzip.ts';

export interface NodeHttpTransportOptions {
  endpoint: string;
  gameKey: string;
  compressMinBytes: number;
  timeoutMs: number;
  clock: Clock;
}

export function createNodeHttpTransport(o: NodeHttpTransportOptions): Transport {
  return createFetchTransport({ ...o, compressor: createNodeGzip() });
}
