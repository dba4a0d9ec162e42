/**
 * @gamepulse/proto/sdk — what the client SDK needs at run time to record events,
 * without the services' codec of every message (generated/messages.ts): the small
 * generated encoders for the messages the SDK sends (sdk-wire), the enum values, the
 * payload names and the shared validation rules. What it reads back (acks, stream replies, stored batches)
 * is `@gamepulse/proto/sdk-read`, apart, so that a bundle that only records (the
 * browser core) does not carry the decoders. The package index stays the full API for
 * services.
 */
export { encodeEvent, encodeEventBatch } from './generated/sdk-wire.ts';
export { putVarint, varintSize } from './wire/write.ts';
export { PAYLOAD_KEYS, EVENT_TYPE, payloadOf, type PayloadKey } from './event-types.ts';
export {
  EVENT_CODES,
  LIMITS,
  NAME_PATTERN,
  CUSTOM_KEY_PATTERN,
  UUID_PATTERN,
  isIsoCurrency,
  validateEvent,
  validateContext,
  type EventCode,
  type EventIssue,
} from './validation/index.ts';
export type { ContextData, EventData, EventBatchData, SdkHealthData, BatchAckData } from './messages.ts';

/** Enum values of gamepulse.v1 (the same numbers as the generated enums). */
export const ProgressionStatus = { STATUS_UNSPECIFIED: 0, STATUS_START: 1, STATUS_COMPLETE: 2, STATUS_FAIL: 3 } as const;
export const ResourceFlow = { FLOW_UNSPECIFIED: 0, FLOW_SOURCE: 1, FLOW_SINK: 2 } as const;
export const ErrorSeverity = {
  SEVERITY_UNSPECIFIED: 0,
  SEVERITY_DEBUG: 1,
  SEVERITY_INFO: 2,
  SEVERITY_WARNING: 3,
  SEVERITY_ERROR: 4,
  SEVERITY_CRITICAL: 5,
} as const;
export const AdAction = {
  ACTION_UNSPECIFIED: 0,
  ACTION_SHOW: 1,
  ACTION_CLICK: 2,
  ACTION_FAILED_SHOW: 3,
  ACTION_REWARD_RECEIVED: 4,
} as const;
export const RefundReason = { REASON_UNSPECIFIED: 0, REASON_REFUND: 1, REASON_CHARGEBACK: 2, REASON_REVOKED: 3 } as const;
