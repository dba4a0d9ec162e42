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
  ResourceFlow,
  payloadOf,
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

type Sub = Partial<Omit<RollupFields, 'eventType'>>;

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
function progressionPath(tiers: Array<string | null | undefined>): string {
  const parts: string[] = [];
  for (const t of tiers) {
    if (!t) break;
    parts.push(t);
  }
  return parts.join(':');
}

const BY_PAYLOAD: { [K in PayloadKey]: (e: EventData) => Sub } = {
  sessionStart: () => ({}),
  sessionEnd: (e) => ({ amount: amountOf(e.sessionEnd?.lengthMs) }),
  progression: (e) => {
    const p = e.progression ?? {};
    return { action: progressionStatus(p.status), item: progressionPath([p.tier1, p.tier2, p.tier3]) };
  },
  purchase: (e) => ({ currency: e.purchase?.currency ?? '', amount: amountOf(e.purchase?.amountMinor), item: e.purchase?.itemType ?? '' }),
  resource: (e) => {
    const r = e.resource ?? {};
    return { action: resourceFlow(r.flow), currency: r.currency ?? '', amount: amountOf(r.amount), item: r.itemType ?? '' };
  },
  design: (e) => ({ item: e.design?.eventId ?? '', value: valueOf(e.design?.value) }),
  error: (e) => ({ action: errorSeverity(e.error?.severity) }),
  ad: (e) => ({ action: adAction(e.ad?.action), item: e.ad?.adType ?? '' }),
  social: (e) => ({ action: e.social?.action ?? '' }),
  featureUse: (e) => ({ item: e.featureUse?.feature ?? '' }),
  experimentExposure: (e) => ({ variant: `${e.experimentExposure?.experiment ?? ''}:${e.experimentExposure?.variant ?? ''}` }),
};

export function rollupFields(event: EventData, payload: PayloadKey | undefined = payloadOf(event)): RollupFields {
  const sub = payload ? BY_PAYLOAD[payload](event) : {};
  return {
    eventType: payload ? EVENT_TYPE[payload] : UNKNOWN_EVENT_TYPE,
    action: sub.action ?? '',
    currency: sub.currency ?? '',
    item: sub.item ?? '',
    variant: sub.variant ?? '',
    amount: sub.amount ?? 0,
    value: sub.value ?? 0,
  };
}
