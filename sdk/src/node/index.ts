/**
 * @gamepulse/sdk/node — the SDK for Node game servers and tools: gRPC or HTTP
 * transport, file storage when a directory is given.
 */
import { createClient } from '../core/client.ts';
import type { Gamepulse } from '../core/api.ts';
import { createMemoryStorage } from '../core/memory-storage.ts';
import { resolveOptions, type GamepulseOptions } from '../core/options.ts';
import type { Storage } from '../core/storage.ts';
import type { Transport } from '../core/transport.ts';
import { createFileStorage } from './file-storage.ts';
import { createGrpcTransport } from './grpc-transport.ts';
import { createNodeHttpTransport } from './http-transport.ts';

export interface NodeGamepulseOptions extends GamepulseOptions {
  /**
   * 'http' POSTs to `${endpoint}/v1/batch`; 'grpc' calls gamepulse.v1.Collector/Send
   * on `endpoint` ("http://host:port" plaintext, "https://host:port" TLS).
   * @default 'http'
   */
  transport?: 'grpc' | 'http';
  /** Directory for the install id, counters and unacknowledged batches. @default none: memory only */
  storageDir?: string;
}

export function createNodeGamepulse(options: NodeGamepulseOptions): Gamepulse {
  const o = resolveOptions(options);
  const transportOptions = {
    endpoint: o.endpoint,
    gameKey: o.gameKey,
    compressMinBytes: o.compressMinBytes,
    timeoutMs: o.sendTimeoutMs,
    clock: o.clock,
  };
  const transport: Transport =
    options.transport === 'grpc' ? createGrpcTransport(transportOptions) : createNodeHttpTransport(transportOptions);
  const storage: Storage = options.storageDir
    ? createFileStorage(options.storageDir, {
        onCorrupt: (path, cause) =>
          o.onDebug?.({ level: 'error', code: 'GP_SDK_STORAGE_FAILED', message: `unreadable file set aside: ${path}`, cause }),
      })
    : createMemoryStorage();
  return createClient(o, { transport, storage });
}

export { createFileStorage, type FileStorageOptions } from './file-storage.ts';
export { createGrpcTransport, parseGrpcTarget, COLLECTOR_SEND_METHOD, type GrpcTransportOptions } from './grpc-transport.ts';
export { createNodeHttpTransport, type NodeHttpTransportOptions } from './http-transport.ts';
export { createNodeGzip } from './gzip.ts';
