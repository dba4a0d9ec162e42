/**
 * @gamepulse/sdk/node — the SDK for Node game servers and tools: gRPC (unary or
 * streaming), WebSocket or HTTP, with fallback between them; file storage (with a lock
 * file) when a directory is given; a SIGTERM hook that flushes within a deadline.
 */
import WebSocket from 'ws';
import { createClient } from '../core/client.ts';
import type { Gamepulse } from '../core/api.ts';
import { createMemoryStorage } from '../core/memory-storage.ts';
import { resolveOptions, type GamepulseOptions } from '../core/options.ts';
import { createSendStack } from '../core/send-stack.ts';
import type { Storage } from '../core/storage.ts';
import type { Transport } from '../core/transport.ts';
import { createWebSocketTransport, type WebSocketLike } from '../core/ws/websocket-transport.ts';
import { createFileStorage } from './file-storage.ts';
import { createGrpcStreamTransport } from './grpc-stream-transport.ts';
import { createGrpcTransport } from './grpc-transport.ts';
import { createNodeGzip } from './gzip.ts';
import { createNodeHttpTransport } from './http-transport.ts';
import { lockDirectory } from './lock-file.ts';
import { shutdownOnSignals, type ShutdownOnSignalsOptions } from './signals.ts';

export type NodeTransportName = 'http' | 'grpc' | 'grpc-stream' | 'websocket';

export interface NodeGamepulseOptions extends GamepulseOptions {
  /**
   * 'http' POSTs to `${endpoint}/v1/batch`; 'grpc' calls gamepulse.v1.Collector/Send and
   * 'grpc-stream' keeps one Collector/Stream call open, on `endpoint` ("http://host:port"
   * plaintext, "https://host:port" TLS); 'websocket' connects to `${endpoint}/v1/ws`.
   * A list is an order of preference: each is tried when the one before is unavailable.
   * @default 'http'
   */
  transport?: NodeTransportName | readonly NodeTransportName[];
  /** Endpoint for the gRPC transports when HTTP and gRPC listen on different ports. @default endpoint */
  grpcEndpoint?: string;
  /** Directory for the install id, counters and unacknowledged batches (locked to this process). @default none: memory only */
  storageDir?: string;
  /** Flush and exit on SIGTERM/SIGINT (`true` for the defaults of signals.ts). @default false */
  shutdownOnSignals?: boolean | ShutdownOnSignalsOptions;
}

function nodeTransport(name: NodeTransportName, options: NodeGamepulseOptions, o: ReturnType<typeof resolveOptions>): Transport {
  const common = { gameKey: o.gameKey, compressMinBytes: o.compressMinBytes, timeoutMs: o.sendTimeoutMs, clock: o.clock };
  const grpcEndpoint = options.grpcEndpoint ?? o.endpoint;
  switch (name) {
    case 'grpc':
      return createGrpcTransport({ ...common, endpoint: grpcEndpoint });
    case 'grpc-stream':
      return createGrpcStreamTransport({ ...common, endpoint: grpcEndpoint });
    case 'websocket':
      return createWebSocketTransport({
        ...common,
        endpoint: o.endpoint,
        keyInUrl: false,
        compressor: createNodeGzip(),
        connect: (url) => new WebSocket(url, { headers: { 'x-gamepulse-key': o.gameKey } }) as unknown as WebSocketLike,
      });
    default:
      return createNodeHttpTransport({ ...common, endpoint: o.endpoint });
  }
}

export function createNodeGamepulse(options: NodeGamepulseOptions): Gamepulse {
  const o = resolveOptions(options);
  const names: readonly NodeTransportName[] = Array.isArray(options.transport)
    ? (options.transport as readonly NodeTransportName[])
    : [(options.transport as NodeTransportName | undefined) ?? 'http'];
  const transport = names.map((n) => nodeTransport(n, options, o));
  let storage: Storage = createMemoryStorage({ journal: false });
  if (options.storageDir) {
    const lock = lockDirectory(options.storageDir);
    if ('heldBy' in lock) {
      o.onDebug?.({
        level: 'error',
        code: 'GP_SDK_STORAGE_LOCKED',
        message: `${options.storageDir} is locked by process ${lock.heldBy}; keeping data in memory`,
      });
    } else {
      const files = createFileStorage(options.storageDir, {
        onCorrupt: (path, cause) =>
          o.onDebug?.({ level: 'error', code: 'GP_SDK_STORAGE_FAILED', message: `unreadable file set aside: ${path}`, cause }),
      });
      storage = {
        ...files,
        persistent: true,
        close: async () => {
          await files.close?.();
          lock.release();
        },
      };
    }
  }
  const gp = createClient(o, { transport, storage, sendStack: createSendStack });
  if (options.shutdownOnSignals) shutdownOnSignals(gp, options.shutdownOnSignals === true ? {} : options.shutdownOnSignals);
  return gp;
}

export { createFileStorage, type FileStorageOptions } from './file-storage.ts';
export { createGrpcTransport, parseGrpcTarget, COLLECTOR_SEND_METHOD, type GrpcTransportOptions } from './grpc-transport.ts';
export { createGrpcStreamTransport, COLLECTOR_STREAM_METHOD } from './grpc-stream-transport.ts';
export { createNodeHttpTransport, type NodeHttpTransportOptions } from './http-transport.ts';
export { createNodeGzip } from './gzip.ts';
export { lockDirectory, type DirLock } from './lock-file.ts';
export { shutdownOnSignals, type ShutdownOnSignalsOptions } from './signals.ts';
