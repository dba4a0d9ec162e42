/**
 * @gamepulse/proto/sdk-read — what the client SDK reads back, apart from
 * `@gamepulse/proto/sdk` so that bundles load it only where they read (the browser:
 * with its transports, after the core): the generated decoders for BatchAck,
 * StreamReply and EventBatch, and walking a message's fields without decoding them.
 */
export {
  decodeBatchAck,
  decodeStreamReply,
  decodeEventBatch,
  type BatchAckMsg,
  type RejectionMsg,
  type StreamReplyMsg,
  type StreamErrorMsg,
  type EventBatchMsg,
  type EventMsg,
} from './generated/sdk-wire-read.ts';
export { scanFields } from './wire/scan.ts';
export { batchDigest } from './batch-digest.ts';
