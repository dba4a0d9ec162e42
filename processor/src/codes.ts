/**
 * The processor's stable error codes (GP_PROCESSOR_<WHAT>), each with whether trying
 * again can help. Dead letters carry the first two; the others appear in logs, errors
 * and the `code` label of metrics.
 */
export const PROCESSOR_CODES = {
  GP_PROCESSOR_RECORD_UNDECODABLE: { retriable: false, message: 'events-topic record is not a valid IngestedBatch' },
  GP_PROCESSOR_RECORD_INVALID: { retriable: false, message: 'IngestedBatch without install_id or a positive batch_sequence cannot be deduplicated' },
  GP_PROCESSOR_COMMIT_FAILED: { retriable: true, message: 'the sink rejected a commit; deltas discarded, resuming from the checkpoint' },
  GP_PROCESSOR_CHECKPOINT_FAILED: { retriable: true, message: 'loading the checkpoint of assigned partitions failed' },
  GP_PROCESSOR_BATCH_FAILED: { retriable: true, message: 'handling a batch failed; in-memory state discarded, resuming from the checkpoint' },
  GP_PROCESSOR_CONSUMER_FAILED: { retriable: true, message: 'the log consumer stopped delivering for good; in-memory state discarded, starting a new consumer from the checkpoint' },
  GP_PROCESSOR_RECOVERY_EXHAUSTED: { retriable: false, message: 'too many consecutive failures; giving up so that the supervisor restarts the process' },
  GP_PROCESSOR_ERASE_BEHIND: { retriable: true, message: 'a player deletion waits for the processor to fold and commit every event before the request' },
  GP_PROCESSOR_ILLEGAL_TRANSITION: { retriable: false, message: 'state transition not in the table (a bug)' },
} as const;

export type ProcessorCode = keyof typeof PROCESSOR_CODES;

export class ProcessorError extends Error {
  readonly retriable: boolean;
  constructor(
    readonly code: ProcessorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${PROCESSOR_CODES[code].message}: ${detail}` : PROCESSOR_CODES[code].message, options);
    this.name = 'ProcessorError';
    this.retriable = PROCESSOR_CODES[code].retriable;
  }
}
