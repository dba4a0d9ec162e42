/**
 * Limits shared by the SDK (checked at track time) and the collector (checked again,
 * because clients cannot be trusted). One definition, so a game developer learns of a
 * problem in their debug callback, not from a dead-letter dashboard.
 */
export const LIMITS = {
  /** ids: install, player, session, transaction, ... */
  idMaxChars: 128,
  /** names: game id, build, platform, item types, progression tiers, ... */
  nameMaxChars: 64,
  /** error messages from the game */
  messageMaxChars: 8192,
  /** custom fields per event */
  customMaxEntries: 20,
  customKeyMaxChars: 32,
  customValueMaxChars: 256,
  /** colon-separated design event id: at most this many parts */
  designMaxParts: 5,
  /** A single purchase above 100,000.00 in any currency is a bug or fraud, not revenue. */
  purchaseMaxMinor: 10_000_000,
  /** Virtual currency amounts are bounded so that sums stay exact in float64 / int64. */
  resourceMaxAmount: 1_000_000_000_000,
  /** A session longer than a week is a clock error. */
  sessionMaxLengthMs: 7 * 24 * 3600 * 1000,
  /** Events per batch accepted by the collector (the SDK batches at most 500 by default). */
  batchMaxEvents: 1000,
} as const;

/** Characters allowed in names: letters, digits and a few separators. */
export const NAME_PATTERN = /^[A-Za-z0-9_.\-+ ]+$/;
/** Custom-field keys: lower snake case, so they map cleanly to columns. */
export const CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
/** RFC 9562 UUID text form (any version; the SDK produces v7). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
