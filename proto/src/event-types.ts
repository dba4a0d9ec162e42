/**
 * The game taxonomy: the payload field of `Event` and the stable snake_case name used
 * for it in rollups, queries and dashboards.
 */
export const PAYLOAD_KEYS = [
  'sessionStart',
  'sessionEnd',
  'progression',
  'purchase',
  'resource',
  'design',
  'error',
  'ad',
  'social',
  'featureUse',
  'experimentExposure',
  'refund',
] as const;

export type PayloadKey = (typeof PAYLOAD_KEYS)[number];

export const EVENT_TYPE: Readonly<Record<PayloadKey, string>> = {
  sessionStart: 'session_start',
  sessionEnd: 'session_end',
  progression: 'progression',
  purchase: 'purchase',
  resource: 'resource',
  design: 'design',
  error: 'error',
  ad: 'ad',
  social: 'social',
  featureUse: 'feature_use',
  experimentExposure: 'experiment_exposure',
  refund: 'refund',
};

/**
 * Which payload an event carries. Decoded messages know it (`payload`), plain objects
 * built by a game do not, so both are handled. Returns undefined for none, and for
 * more than one (a plain object can set two; the wire format cannot).
 */
export function payloadOf(event: { payload?: string | null } & Partial<Record<PayloadKey, unknown>>): PayloadKey | undefined {
  if (event.payload) return event.payload as PayloadKey;
  let found: PayloadKey | undefined;
  for (const key of PAYLOAD_KEYS) {
    if (event[key] != null) {
      if (found) return undefined;
      found = key;
    }
  }
  return found;
}
