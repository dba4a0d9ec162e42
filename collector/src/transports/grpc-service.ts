/**
 * `gamepulse.v1.Collector` (proto/gamepulse/v1/collector.proto) for @grpc/grpc-js,
 * written by hand over the generated codecs of @gamepulse/proto instead of loading the
 * .proto at run time.
 *
 * The request side carries raw bytes in both directions: the server hands the
 * received `EventBatch` bytes to the pipeline undecoded (so a malformed batch becomes
 * GP_BODY_DECODE_FAILED, not a grpc-js deserialization error), and clients send bytes
 * they encoded once (a retry re-sends the same bytes, as batch.proto asks).
 */
import {
  makeGenericClientConstructor,
  type Client,
  type ClientDuplexStream,
  type ClientUnaryCall,
  type Metadata,
  type MethodDefinition,
  type ServiceClientConstructor,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { BatchAck, StreamReply, type BatchAckData, type StreamReplyData } from '@gamepulse/proto';

/** Metadata key carrying the ingest key. */
export const GRPC_KEY_METADATA = 'x-gamepulse-key';
/** Trailing metadata key carrying our error code on a failed call. */
export const GRPC_ERROR_CODE_METADATA = 'gp-error-code';
/** Trailing metadata with the seconds to wait before a retry (HTTP's Retry-After). */
export const GRPC_RETRY_AFTER_METADATA = 'retry-after';

export interface CollectorServiceDefinition extends ServiceDefinition {
  Send: MethodDefinition<Uint8Array, BatchAckData>;
  Stream: MethodDefinition<Uint8Array, StreamReplyData>;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const COLLECTOR_SERVICE: CollectorServiceDefinition = {
  Send: {
    path: '/gamepulse.v1.Collector/Send',
    requestStream: false,
    responseStream: false,
    requestSerialize: asBuffer,
    requestDeserialize: (buffer: Buffer) => buffer,
    responseSerialize: (ack: BatchAckData) => {
      const bytes = BatchAck.encode(ack).finish();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    // Every field present (proto3 omits zeros on the wire: a rejection at index 0 has no
    // index field), 64-bit fields as numbers (see pipeline/decode.ts).
    responseDeserialize: (buffer: Buffer) => BatchAck.toObject(BatchAck.decode(buffer), { longs: Number, defaults: true }),
  },
  // Many batches on one call, one StreamReply per batch in order (collector.proto).
  // The server writes replies it encoded itself (Uint8Array); clients get objects.
  Stream: {
    path: '/gamepulse.v1.Collector/Stream',
    requestStream: true,
    responseStream: true,
    requestSerialize: asBuffer,
    requestDeserialize: (buffer: Buffer) => buffer,
    responseSerialize: (reply: StreamReplyData | Uint8Array) =>
      asBuffer(reply instanceof Uint8Array ? reply : StreamReply.encode(reply).finish()),
    responseDeserialize: (buffer: Buffer) =>
      StreamReply.toObject(StreamReply.decode(buffer), { longs: Number, defaults: false, oneofs: true }),
  },
};

/** A client of the service: the methods `makeGenericClientConstructor` adds, which grpc-js types as `Function`. */
export interface CollectorServiceClient extends Client {
  Send(request: Uint8Array, metadata: Metadata, callback: (err: ServiceError | null, ack?: BatchAckData) => void): ClientUnaryCall;
  Stream(metadata?: Metadata): ClientDuplexStream<Uint8Array, StreamReplyData>;
}

/** grpc-js's `ServiceClientConstructor`, with the service's methods typed on its instances. */
export interface CollectorClientConstructor extends Pick<ServiceClientConstructor, 'service' | 'serviceName'> {
  new (...args: ConstructorParameters<ServiceClientConstructor>): CollectorServiceClient;
}

/** A grpc-js client class for the service: `new CollectorClient(address, credentials)`. */
export const CollectorClient = makeGenericClientConstructor(COLLECTOR_SERVICE, 'Collector') as unknown as CollectorClientConstructor;
