/**
 * What one event contributes to a rollup row besides its window and dimensions: the
 * event type, the sub-dimensions its payload defines (action, currency, item, variant)
 * and its measures (amount, value). One entry per payload in a table, so adding a
 * payload to the schema is one line here — and the compiler insists on it.
 */
import {
  AdAction,
  ErrorSeverity,
  EVENT_TYPE,
  ProgressionStatus,
  RefundReason,
  ResourceFlow,
  payloadOf,
  sessionLengthBucket,
  type EventData,
  type PayloadKey,
} from '@gamepulse/proto';
import { int64 } from '../num.ts';

export interface RollupFields {
  eventType: string;
  action: string;
  currency: string;
  item: string;
  variant: string;
  /** revenue minor units, resource amount, session length ms — summed */
  amount: number;
  /** design values — summed */
  value: number;
  /** purchases and refunds: `amount` in the game's reporting currency (minor units), set by the fold (fx/) — summed */
  reportingMinor: number;
  /** purchases and refunds: the game's reporting currency, set by the fold; '' otherwise */
  reportingCurrency: string;
}

/** event_type for an event without a payload this processor knows (a newer schema's). */
export const UNKNOWN_EVENT_TYPE = 'unknown';

/**
 * Enum value → stable lower-case name without the proto prefix (ACTION_FAILED_SHOW →
 * 'failed_show'), taken from the generated enum so that it cannot drift. A value from
 * a newer schema has no name here and keeps its number.
 */
function enumNames(values: object, prefix: string): (v: number | null | undefined) => string {
  const byValue = new Map<number, string>();
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' && name.startsWith(prefix)) byValue.set(value, name.slice(prefix.length).toLowerCase());
  }
  return (v) => byValue.get(v ?? 0) ?? String(v);
}

const progressionStatus = enumNames(ProgressionStatus, 'STATUS_');
const resourceFlow = enumNames(ResourceFlow, 'FLOW_');
const adAction = enumNames(AdAction, 'ACTION_');
const errorSeverity = enumNames(ErrorSeverity, 'SEVERITY_');
const refundReason = enumNames(RefundReason, 'REASON_');

/**
 * Measures the store can hold: the collector validates amounts (LIMITS) and values,
 * but a rogue record must not carry a NaN or a 2^60 into a row — the store would reject
 * every commit containing it and stall the partition. Such a measure counts as 0; the
 * event itself is still counted.
 */
function amountOf(v: unknown): number {
  const n = int64(v);
  return Number.isSafeInteger(n) ? n : 0;
}

function valueOf(v: number | null | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** "w1:l3:p2", stopping at the first empty tier: tier1[:tier2[:tier3]]. */
function progressionPath(t1: string | null | undefined, t2: string | null | undefined, t3: string | null | undefined): string {
  if (!t1) return '';
  if (!t2) return t1;
  return t3 ? `${t1}:${t2}:${t3}` : `${t1}:${t2}`;
}

/**
 * Each payload writes its sub-dimensions and measures into `out`, which arrives with
 * every field reset (eventType set).
 */
const BY_PAYLOAD: { [K in PayloadKey]: (e: EventData, out: RollupFields) => void } = {
  sessionStart: () => undefined,
  sessionEnd: (e, out) => {
    out.amount = amountOf(e.sessionEnd?.lengthMs);
    // The session-length sketch's bucket (proto/src/session-length-sketch.ts): one row per bucket.
    out.item = sessionLengthBucket(out.amount);
  },
  progression: (e, out) => {
    const p = e.progression ?? {};
    out.action = progressionStatus(p.status);
    out.item = progressionPath(p.tier1, p.tier2, p.tier3);
  },
  purchase: (e, out) => {
    out.currency = e.purchase?.currency ?? '';
    out.amount = amountOf(e.purchase?.amountMinor);
    out.item = e.purchase?.itemType ?? '';
  },
  resource: (e, out) => {
    const r = e.resource ?? {};
    out.action = resourceFlow(r.flow);
    out.currency = r.currency ?? '';
    out.amount = amountOf(r.amount);
    out.item = r.itemType ?? '';
  },
  design: (e, out) => {
    out.item = e.design?.eventId ?? '';
    out.value = valueOf(e.design?.value);
  },
  error: (e, out) => {
    out.action = errorSeverity(e.error?.severity);
  },
  // "rewarded:shop": the ad type, then the placement when the game names one — the
  // same path shape as progression items, so ads are counted per type and placement.
  ad: (e, out) => {
    out.action = adAction(e.ad?.action);
    const adType = e.ad?.adType ?? '';
    const placement = e.ad?.placement ?? '';
    out.item = placement ? `${adType}:${placement}` : adType;
  },
  social: (e, out) => {
    out.action = e.social?.action ?? '';
  },
  featureUse: (e, out) => {
    out.item = e.featureUse?.feature ?? '';
  },
  experimentExposure: (e, out) => {
    out.variant = `${e.experimentExposure?.experiment ?? ''}:${e.experimentExposure?.variant ?? ''}`;
  },
  // Like a purchase (currency, amount in minor units, converted by the fold), with the
  // reason ('refund', 'chargeback', 'revoked') as the action and the store as the item:
  // what the `refunds` KPI and the RefundBurst rule slice by.
  refund: (e, out) => {
    const r = e.refund ?? {};
    out.action = refundReason(r.reason);
    out.currency = r.currency ?? '';
    out.amount = amountOf(r.amountMinor);
    out.item = r.store ?? '';
  },
};

/** Resets `out` and writes the event's fields through the payload table `table`. */
function fieldsInto(table: typeof BY_PAYLOAD, out: RollupFields, event: EventData, payload: PayloadKey | undefined): RollupFields {
  out.eventType = payload ? EVENT_TYPE[payload] : UNKNOWN_EVENT_TYPE;
  out.action = '';
  out.currency = '';
  out.item = '';
  out.variant = '';
  out.amount = 0;
  out.value = 0;
  out.reportingMinor = 0;
  out.reportingCurrency = '';
  if (payload) table[payload](event, out);
  return out;
}

/**
 * The event's fields, written into `out`: the fold reuses one object for every event of
 * a batch (the accumulator copies what it keeps) instead of allocating two per event.
 */
export function rollupFieldsInto(out: RollupFields, event: EventData, payload: PayloadKey | undefined = payloadOf(event)): RollupFields {
  return fieldsInto(BY_PAYLOAD, out, event, payload);
}

/**
 * The payload table of plain rollups (`analytics: 'plain'`, fold-batch-plain.ts): the
 * same fields without the session-length sketch bucket and the ad placement, so a
 * session end is one row per window and dimensions again and an ad one row per type.
 */
const PLAIN_BY_PAYLOAD: typeof BY_PAYLOAD = {
  ...BY_PAYLOAD,
  sessionEnd: (e, out) => {
    out.amount = amountOf(e.sessionEnd?.lengthMs);
  },
  ad: (e, out) => {
    out.action = adAction(e.ad?.action);
    out.item = e.ad?.adType ?? '';
  },
};

/** `rollupFieldsInto` for plain rollups: the fields of `PLAIN_BY_PAYLOAD`. */
export function plainRollupFieldsInto(out: RollupFields, event: EventData, payload: PayloadKey | undefined): RollupFields {
  return fieldsInto(PLAIN_BY_PAYLOAD, out, event, payload);
}

export function rollupFields(event: EventData, payload: PayloadKey | undefined = payloadOf(event)): RollupFields {
  return rollupFieldsInto(emptyRollupFields(), event, payload);
}

/** A fields object to fill with `rollupFieldsInto`. */
export function emptyRollupFields(): RollupFields {
  return { eventType: '', action: '', currency: '', item: '', variant: '', amount: 0, value: 0, reportingMinor: 0, reportingCurrency: '' };
}
