/**
 * The processor's stable error codes (GP_PROCESSOR_<WHAT>), in the model of
 * @gamepulse/service/errors. Dead letters carry the first three; the others appear in
 * logs, errors and the `code` label of metrics. processor/README.md, "Error codes",
 * lists them.
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service';

export const PROCESSOR_ERRORS = defineErrors(
  { name: 'processor', docsUrl: 'processor/README.md#error-codes' },
  {
    GP_PROCESSOR_RECORD_UNDECODABLE: {
      message: 'events-topic record is not a valid IngestedBatch',
      retryable: false,
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
    GP_PROCESSOR_RECORD_INVALID: {
      message: 'IngestedBatch without install_id or a positive batch_sequence cannot be deduplicated',
      retryable: false,
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
    GP_PROCESSOR_BATCH_TOO_OLD: {
      message:
        'batch_sequence more than 64 below the highest seen for its stream: dedup cannot tell a re-send from a first delivery, so the batch is dead-lettered, not counted',
      retryable: false,
      httpStatus: 409,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
    GP_PROCESSOR_COMMIT_FAILED: {
      message: 'the sink rejected a commit; deltas discarded, resuming from the checkpoint',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_PROCESSOR_CHECKPOINT_FAILED: {
      message: 'loading the checkpoint of assigned partitions failed',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_PROCESSOR_BATCH_FAILED: {
      message: 'handling a batch failed; in-memory state discarded, resuming from the checkpoint',
      retryable: true,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
    },
    GP_PROCESSOR_CONSUMER_FAILED: {
      message: 'the log consumer stopped delivering for good; in-memory state discarded, starting a new consumer from the checkpoint',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_PROCESSOR_RECOVERY_EXHAUSTED: {
      message: 'too many consecutive failures; giving up so that the supervisor restarts the process',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
    },
    GP_PROCESSOR_ERASE_BEHIND: {
      message: 'a player deletion waits for the processor to fold and commit every event before the request',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_PROCESSOR_ILLEGAL_TRANSITION: {
      message: 'state transition not in the table (a bug)',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INTERNAL,
    },
  },
);

export type ProcessorCode = keyof typeof PROCESSOR_ERRORS;

/** A processor failure; `detail` is appended to the code's message. */
export class ProcessorError extends GamepulseError<ProcessorCode> {
  constructor(code: ProcessorCode, detail?: string, options?: Omit<GamepulseErrorOptions, 'retryable'>) {
    const def = PROCESSOR_ERRORS[code];
    super(def, detail ? `${def.message}: ${detail}` : def.message, options);
  }
}
