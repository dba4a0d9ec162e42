/** Player deletion (privacy): the deletions-topic consumer and its metrics. */
export {
  createDeletionsConsumer,
  decodeDeletions,
  DELETION_RECORD_UNDECODABLE,
  DELETION_RECORD_INVALID,
  type CoordinateErase,
  type DeletionsConsumer,
  type DeletionsConsumerOptions,
  type DeletionsConsumerStats,
} from './deletions-consumer.ts';
export { deletionsMetrics, type DeletionsMetrics } from './metrics.ts';
export { waitForOffsets, type WaitForOffsetsOptions } from './coverage.ts';
