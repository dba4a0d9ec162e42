/**
 * The game's vocabulary as typed inputs: `track()` takes exactly one payload field of
 * `Event` (the oneof of event.proto), and the helpers build those payloads from plain
 * arguments with names instead of enum numbers.
 */
import {
  AdAction,
  ErrorSeverity,
  ProgressionStatus,
  ResourceFlow,
  type EventData,
  type PayloadKey,
} from '@gamepulse/proto/sdk';

type PayloadData<K extends PayloadKey> = NonNullable<EventData[K]>;

/** One taxonomy field, e.g. `{ purchase: { currency: 'USD', amountMinor: 199, itemType: 'gems' } }`. */
export type TrackPayload = {
  [K in PayloadKey]: { [P in K]: PayloadData<K> } & { [P in Exclude<PayloadKey, K>]?: never };
}[PayloadKey];

/** Event.custom: at most 20 entries, keys `[a-z][a-z0-9_]*` up to 32 chars, values up to 256 chars. */
export type CustomFields = Record<string, string>;

export interface ProgressionDetails {
  /** Attempt number for this progression, from 1. */
  attempt?: number;
  score?: number;
}

export interface PurchaseInput {
  /** ISO 4217 in upper case, e.g. "USD". */
  currency: string;
  /** Price in minor units (cents). */
  amountMinor: number;
  itemType: string;
  itemId?: string;
  transactionId?: string;
  /** "apple", "google", "steam", "web", ... */
  store?: string;
}

export type ErrorSeverityName = 'debug' | 'info' | 'warning' | 'error' | 'critical';
export type AdActionName = 'show' | 'click' | 'failed_show' | 'reward_received';

export interface AdInput {
  action: AdActionName;
  /** "rewarded", "interstitial", "banner", ... */
  adType?: string;
  network?: string;
  placement?: string;
  durationMs?: number;
}

const SEVERITY: Readonly<Record<ErrorSeverityName, number>> = {
  debug: ErrorSeverity.SEVERITY_DEBUG,
  info: ErrorSeverity.SEVERITY_INFO,
  warning: ErrorSeverity.SEVERITY_WARNING,
  error: ErrorSeverity.SEVERITY_ERROR,
  critical: ErrorSeverity.SEVERITY_CRITICAL,
};

const AD_ACTION: Readonly<Record<AdActionName, number>> = {
  show: AdAction.ACTION_SHOW,
  click: AdAction.ACTION_CLICK,
  failed_show: AdAction.ACTION_FAILED_SHOW,
  reward_received: AdAction.ACTION_REWARD_RECEIVED,
};

export type ProgressionStatusName = 'start' | 'complete' | 'fail';

const PROGRESSION: Readonly<Record<ProgressionStatusName, number>> = {
  start: ProgressionStatus.STATUS_START,
  complete: ProgressionStatus.STATUS_COMPLETE,
  fail: ProgressionStatus.STATUS_FAIL,
};

export function progressionPayload(
  status: ProgressionStatusName,
  tier1: string,
  tier2?: string,
  tier3?: string,
  details?: ProgressionDetails,
): TrackPayload {
  return {
    progression: {
      status: PROGRESSION[status],
      tier1,
      tier2: tier2 ?? '',
      tier3: tier3 ?? '',
      attempt: details?.attempt ?? 0,
      score: details?.score ?? 0,
    },
  };
}

export function purchasePayload(p: PurchaseInput): TrackPayload {
  return {
    purchase: {
      currency: p.currency,
      amountMinor: p.amountMinor,
      itemType: p.itemType,
      itemId: p.itemId ?? '',
      transactionId: p.transactionId ?? '',
      store: p.store ?? '',
    },
  };
}

export function resourcePayload(
  flow: 'source' | 'sink',
  currency: string,
  amount: number,
  itemType: string,
  itemId?: string,
): TrackPayload {
  return {
    resource: {
      flow: flow === 'source' ? ResourceFlow.FLOW_SOURCE : ResourceFlow.FLOW_SINK,
      currency,
      amount,
      itemType,
      itemId: itemId ?? '',
    },
  };
}

export function errorPayload(severity: ErrorSeverityName, message: string): TrackPayload {
  // An unknown name maps to 0, which validation reports as GP_EVENT_SEVERITY_INVALID.
  return { error: { severity: SEVERITY[severity] ?? 0, message } };
}

export function adPayload(a: AdInput): TrackPayload {
  return {
    ad: {
      action: AD_ACTION[a.action] ?? 0,
      adType: a.adType ?? '',
      network: a.network ?? '',
      placement: a.placement ?? '',
      durationMs: a.durationMs ?? 0,
    },
  };
}
