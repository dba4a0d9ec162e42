/**
 * Stable reason codes for a rejected event. They appear in collector responses
 * (`Rejection.code`), on the dead-letter topic, in the SDK's debug callback and in
 * metrics labels, so they never change meaning; new ones may be added.
 */
export const EVENT_CODES = {
  GP_EVENT_ID_INVALID: 'event_id must be a UUID',
  GP_EVENT_INSTALL_ID_INVALID: 'install_id is required and must match the batch',
  GP_EVENT_PLAYER_ID_INVALID: 'player_id is required, at most 128 characters',
  GP_EVENT_SESSION_ID_INVALID: 'session_id must be a UUID',
  GP_EVENT_SEQUENCE_INVALID: 'sequence must be >= 1',
  GP_EVENT_TIMESTAMP_INVALID: 'client_ts_ms must be a positive Unix time in ms',
  GP_EVENT_CONTEXT_INVALID: 'context needs a game_id; names are at most 64 characters',
  GP_EVENT_SAMPLE_RATE_INVALID: 'sample_rate must be within [0, 1]',
  GP_EVENT_CUSTOM_INVALID: 'custom fields: at most 20, keys [a-z][a-z0-9_]{0,31}, values at most 256 characters',
  GP_EVENT_PAYLOAD_MISSING: 'exactly one payload (session_start, purchase, ...) is required',
  GP_EVENT_NAME_INVALID: 'a name field is empty where required, too long or has characters outside [A-Za-z0-9_.-+ ]',
  GP_EVENT_SESSION_LENGTH_INVALID: 'session_end.length_ms must be within [0, 7 days]',
  GP_EVENT_PROGRESSION_INVALID: 'progression needs a status and tier1; tier3 needs tier2',
  GP_EVENT_CURRENCY_INVALID: 'purchase.currency and refund.currency must be an active ISO 4217 code in upper case',
  GP_EVENT_AMOUNT_INVALID: 'amount must be a positive integer within the limit',
  GP_EVENT_RESOURCE_FLOW_INVALID: 'resource.flow must be SOURCE or SINK',
  GP_EVENT_DESIGN_ID_INVALID: 'design.event_id: 1 to 5 colon-separated parts of [A-Za-z0-9_.-]',
  GP_EVENT_VALUE_INVALID: 'numeric value must be finite',
  GP_EVENT_SEVERITY_INVALID: 'error.severity must be set',
  GP_EVENT_MESSAGE_TOO_LONG: 'error.message is at most 8192 characters',
  GP_EVENT_AD_ACTION_INVALID: 'ad.action must be set',
  GP_EVENT_REFUND_REASON_INVALID: 'refund.reason must be REFUND, CHARGEBACK or REVOKED',
  GP_EVENT_REFUND_TRANSACTION_INVALID: "refund.transaction_id is required (the refunded purchase's), at most 128 characters",
} as const;

export type EventCode = keyof typeof EVENT_CODES;

/** Why one event is invalid: a stable code and the offending field path. */
export interface EventIssue {
  code: EventCode;
  field: string;
}
