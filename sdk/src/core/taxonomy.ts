/**
 * The game's vocabulary as typed inputs: `track()` takes exactly one payload field of
 * `Event` (the oneof of event.proto), and the helpers build those payloads from plain
 * arguments with names instead of enum numbers.
 */
import type { EventData, PayloadKey } from '@gamepulse/proto/sdk';

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

export type RefundReasonName = 'refund' | 'chargeback' | 'revoked';

/**
 * Money given back for an earlier purchase (gamepulse.v1.Refund, modelled on GA4's
 * `refund` and the stores' server notifications). Usually recorded by the game server
 * that receives the store's notification (Apple App Store Server Notifications REFUND /
 * REVOKE, Google Play voided purchases, Steam chargebacks), with the player's id.
 */
export interface RefundInput {
  /** ISO 4217 in upper case, e.g. "USD". */
  currency: string;
  /** Amount given back in minor units (cents): the purchase's, or less for a partial refund. */
  amountMinor: number;
  /** The refunded purchase's `transactionId` (required: what reconciles the two). */
  transactionId: string;
  /** 'refund' (the store granted it), 'chargeback' (the card issuer reversed it), 'revoked' (the store took it back). */
  reason: RefundReasonName;
  /** "apple", "google", "steam", "web", ... */
  store?: string;
  itemType?: string;
  itemId?: string;
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

// Names in the order of their proto enum numbers (ErrorSeverity, AdAction,
// ProgressionStatus, RefundReason; taxonomy.test.ts checks them against @gamepulse/proto): the wire
// value is the position + 1, and 0 (UNSPECIFIED, which validation refuses) is unknown.
// Plain lists keep the enum objects out of the browser bundle.
const SEVERITIES: readonly ErrorSeverityName[] = ['debug', 'info', 'warning', 'error', 'critical'];
const AD_ACTIONS: readonly AdActionName[] = ['show', 'click', 'failed_show', 'reward_received'];
const PROGRESSION_STATUSES: readonly ProgressionStatusName[] = ['start', 'complete', 'fail'];
const REFUND_REASONS: readonly RefundReasonName[] = ['refund', 'chargeback', 'revoked'];

/** The enum number of `name`; 0 when it is not one of `names`. */
export function enumNumber<T>(names: readonly T[], name: T): number {
  return names.indexOf(name) + 1;
}

export type ProgressionStatusName = 'start' | 'complete' | 'fail';

// The builders fill every field (undefined where not given) so that each payload kind
// has one object shape: validation and encoding stay monomorphic.

export function progressionPayload(
  status: ProgressionStatusName,
  tier1: string,
  tier2?: string,
  tier3?: string,
  details?: ProgressionDetails,
): TrackPayload {
  return {
    progression: {
      status: enumNumber(PROGRESSION_STATUSES, status),
      tier1,
      tier2,
      tier3,
      attempt: details?.attempt,
      score: details?.score,
    },
  };
}

export function purchasePayload(p: PurchaseInput): TrackPayload {
  return {
    purchase: {
      currency: p.currency,
      amountMinor: p.amountMinor,
      itemType: p.itemType,
      itemId: p.itemId,
      transactionId: p.transactionId,
      store: p.store,
    },
  };
}

export function refundPayload(r: RefundInput): TrackPayload {
  // An unknown reason maps to 0, which validation reports as GP_EVENT_REFUND_REASON_INVALID.
  return {
    refund: {
      currency: r.currency,
      amountMinor: r.amountMinor,
      transactionId: r.transactionId,
      store: r.store,
      reason: enumNumber(REFUND_REASONS, r.reason),
      itemType: r.itemType,
      itemId: r.itemId,
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
  // ResourceFlow: FLOW_SOURCE = 1, FLOW_SINK = 2.
  return { resource: { flow: flow === 'source' ? 1 : 2, currency, amount, itemType, itemId } };
}

export function errorPayload(severity: ErrorSeverityName, message: string): TrackPayload {
  // An unknown name maps to 0, which validation reports as GP_EVENT_SEVERITY_INVALID.
  return { error: { severity: enumNumber(SEVERITIES, severity), message } };
}

export function adPayload(a: AdInput): TrackPayload {
  return {
    ad: {
      action: enumNumber(AD_ACTIONS, a.action),
      adType: a.adType,
      network: a.network,
      placement: a.placement,
      durationMs: a.durationMs,
    },
  };
}
