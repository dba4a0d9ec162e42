import type { ContextData, EventData } from '../messages.ts';
import { payloadOf, type PayloadKey } from '../event-types.ts';
import type { EventCode, EventIssue } from './codes.ts';
import { isIsoCurrency } from './currencies.ts';
import { CUSTOM_KEY_PATTERN, LIMITS } from './limits.ts';

const DESIGN_PART = /^[A-Za-z0-9_.-]+$/;

type Text = string | null | undefined;
type Num = number | null | undefined;

function issue(code: EventCode, field: string): EventIssue {
  return { code, field };
}

/**
 * Same answer as NAME_PATTERN (letters, digits, `_ . - + ` and space), by char codes,
 * like badUuid: names are checked several times per event in the collector.
 */
function isNameText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!(
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      c === 46 ||
      c === 45 ||
      c === 43 ||
      c === 32
    ))
      return false;
  }
  return value.length > 0;
}

/** Optional name: empty is fine, otherwise bounded and from the allowed characters. */
function badName(value: Text): boolean {
  return !!value && (value.length > LIMITS.nameMaxChars || !isNameText(value));
}

/** Required name. */
function badRequiredName(value: Text): boolean {
  return !value || badName(value);
}

/** Required id (player id). */
function badId(value: Text): boolean {
  return !value || value.length > LIMITS.idMaxChars;
}

/** Optional id-like text (transaction id, social target): only its length is bounded. */
function longId(value: Text): boolean {
  return !!value && value.length > LIMITS.idMaxChars;
}

/** 1 for the char codes of hex digits (0-9 a-f A-F), else 0. */
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/**
 * Same answer as UUID_PATTERN, by char codes: it runs twice per event in the collector,
 * where the regular expression was the largest single cost of validation. The four
 * dashes are checked first, then every other char against a table (a code above 127
 * reads as undefined there: not hex).
 */
function badUuid(value: Text): boolean {
  if (!value || value.length !== 36) return true;
  if (value.charCodeAt(8) !== 45 || value.charCodeAt(13) !== 45 || value.charCodeAt(18) !== 45 || value.charCodeAt(23) !== 45) return true;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    if (HEX[value.charCodeAt(i)] !== 1) return true;
  }
  return false;
}

/** A required enum value within [1, max] (0 is UNSPECIFIED). */
const badEnum =
  (max: number) =>
  (value: Num): boolean =>
    !value || value < 1 || value > max;

const badStatus = badEnum(3);

const badAmount =
  (max: number) =>
  (value: Num): boolean =>
    typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > max;

/**
 * One check of a payload: the field as it appears in an issue (snake_case, after the
 * payload's name; '' for the payload as a whole), when the payload is bad, and the
 * code (GP_EVENT_NAME_INVALID unless given). Each check reads its property by name
 * (`p.currency`), not through a shared `p[property]`: one load site for every field
 * of every payload was megamorphic and the slowest part of validation.
 */
type Rule<P> = readonly [field: string, bad: (payload: P) => boolean, code?: EventCode];

type Payloads = { [K in PayloadKey]: NonNullable<EventData[K]> };

const purchaseAmount = badAmount(LIMITS.purchaseMaxMinor);
const resourceAmount = badAmount(LIMITS.resourceMaxAmount);
const badSeverity = badEnum(5);
const badAdAction = badEnum(4);
const badRefundReason = badEnum(3);

function badDesignId(id: Text): boolean {
  const parts = id ? id.split(':') : [];
  return (
    parts.length < 1 ||
    parts.length > LIMITS.designMaxParts ||
    parts.some((p) => !p || p.length > LIMITS.nameMaxChars || !DESIGN_PART.test(p))
  );
}

/** The rules of each payload, checked in order: the first failing one is the issue. */
const RULES: { readonly [K in PayloadKey]: ReadonlyArray<Rule<Payloads[K]>> } = {
  sessionStart: [],
  sessionEnd: [
    [
      'length_ms',
      (p) => !Number.isSafeInteger(p.lengthMs ?? 0) || p.lengthMs! < 0 || p.lengthMs! > LIMITS.sessionMaxLengthMs,
      'GP_EVENT_SESSION_LENGTH_INVALID',
    ],
  ],
  progression: [
    ['', (p) => badStatus(p.status) || !p.tier1 || (!!p.tier3 && !p.tier2), 'GP_EVENT_PROGRESSION_INVALID'],
    ['tier1', (p) => badName(p.tier1)],
    ['tier2', (p) => badName(p.tier2)],
    ['tier3', (p) => badName(p.tier3)],
  ],
  purchase: [
    ['currency', (p) => !p.currency || !isIsoCurrency(p.currency), 'GP_EVENT_CURRENCY_INVALID'],
    ['amount_minor', (p) => purchaseAmount(p.amountMinor), 'GP_EVENT_AMOUNT_INVALID'],
    ['item_type', (p) => badRequiredName(p.itemType)],
    ['item_id', (p) => badName(p.itemId)],
    ['store', (p) => badName(p.store)],
    ['transaction_id', (p) => longId(p.transactionId)],
  ],
  resource: [
    ['flow', (p) => p.flow !== 1 && p.flow !== 2, 'GP_EVENT_RESOURCE_FLOW_INVALID'],
    ['currency', (p) => badRequiredName(p.currency)],
    ['amount', (p) => resourceAmount(p.amount), 'GP_EVENT_AMOUNT_INVALID'],
    ['item_type', (p) => badRequiredName(p.itemType)],
    ['item_id', (p) => badName(p.itemId)],
  ],
  design: [
    ['event_id', (p) => badDesignId(p.eventId), 'GP_EVENT_DESIGN_ID_INVALID'],
    ['value', (p) => p.value != null && !Number.isFinite(p.value), 'GP_EVENT_VALUE_INVALID'],
  ],
  error: [
    ['severity', (p) => badSeverity(p.severity), 'GP_EVENT_SEVERITY_INVALID'],
    ['message', (p) => !!p.message && p.message.length > LIMITS.messageMaxChars, 'GP_EVENT_MESSAGE_TOO_LONG'],
  ],
  ad: [
    ['action', (p) => badAdAction(p.action), 'GP_EVENT_AD_ACTION_INVALID'],
    // These three keep their camelCase in the issue (as collectors have always reported them).
    ['adType', (p) => badName(p.adType)],
    ['network', (p) => badName(p.network)],
    ['placement', (p) => badName(p.placement)],
  ],
  social: [
    ['action', (p) => badRequiredName(p.action)],
    ['target', (p) => longId(p.target)],
  ],
  featureUse: [['feature', (p) => badRequiredName(p.feature)]],
  experimentExposure: [
    ['experiment', (p) => badRequiredName(p.experiment)],
    ['variant', (p) => badRequiredName(p.variant)],
  ],
  // A refund gives back at most what one purchase may cost (LIMITS.purchaseMaxMinor).
  refund: [
    ['currency', (p) => !p.currency || !isIsoCurrency(p.currency), 'GP_EVENT_CURRENCY_INVALID'],
    ['amount_minor', (p) => purchaseAmount(p.amountMinor), 'GP_EVENT_AMOUNT_INVALID'],
    ['reason', (p) => badRefundReason(p.reason), 'GP_EVENT_REFUND_REASON_INVALID'],
    ['store', (p) => badName(p.store)],
    ['item_type', (p) => badName(p.itemType)],
    ['item_id', (p) => badName(p.itemId)],
    ['transaction_id', (p) => !p.transactionId || longId(p.transactionId), 'GP_EVENT_REFUND_TRANSACTION_INVALID'],
  ],
};

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** RULES compiled once: [issue field, check, code]. */
const COMPILED = Object.fromEntries(
  Object.entries(RULES).map(([kind, rules]) => [
    kind,
    (rules as ReadonlyArray<Rule<unknown>>).map(
      ([field, bad, code = 'GP_EVENT_NAME_INVALID']) => [field ? `${snake(kind)}.${field}` : kind, bad, code] as const,
    ),
  ]),
) as unknown as Record<PayloadKey, ReadonlyArray<readonly [field: string, bad: (payload: unknown) => boolean, code: EventCode]>>;

/** Checks a context; `requireGame` is false for an event that inherits the batch's. */
export function validateContext(ctx: ContextData | null | undefined, requireGame: boolean): EventIssue | undefined {
  if (!ctx) return requireGame ? issue('GP_EVENT_CONTEXT_INVALID', 'context.game_id') : undefined;
  if (requireGame ? badRequiredName(ctx.gameId) : badName(ctx.gameId)) return issue('GP_EVENT_CONTEXT_INVALID', 'context.game_id');
  for (const key of ['build', 'platform', 'os', 'locale', 'sdkVersion', 'device'] as const) {
    const v = ctx[key];
    if (v && v.length > LIMITS.nameMaxChars) return issue('GP_EVENT_CONTEXT_INVALID', `context.${key}`);
  }
  if (ctx.country && !/^[A-Z]{2}$/.test(ctx.country)) return issue('GP_EVENT_CONTEXT_INVALID', 'context.country');
  return undefined;
}

function validatePayload(e: EventData): EventIssue | undefined {
  const kind = payloadOf(e);
  if (!kind) return issue('GP_EVENT_PAYLOAD_MISSING', 'payload');
  const p = e[kind];
  // A `payload` naming no known field (only possible in a hand-made object) has nothing to check.
  for (const [field, bad, code] of COMPILED[kind] ?? []) if (bad(p)) return issue(code, field);
  return undefined;
}

/**
 * Validates one event. `installId` is the batch's install id (an event must belong to
 * the batch it travels in); `batchHasGame` says whether the batch context supplies a
 * game id, so that events may omit their own context.
 * Returns the first issue found, or undefined for a valid event.
 */
export function validateEvent(e: EventData, installId: string, batchHasGame: boolean): EventIssue | undefined {
  if (badUuid(e.eventId)) return issue('GP_EVENT_ID_INVALID', 'event_id');
  if (!e.installId || e.installId !== installId) return issue('GP_EVENT_INSTALL_ID_INVALID', 'install_id');
  if (badId(e.playerId)) return issue('GP_EVENT_PLAYER_ID_INVALID', 'player_id');
  if (badUuid(e.sessionId)) return issue('GP_EVENT_SESSION_ID_INVALID', 'session_id');
  if (!e.sequence || e.sequence < 1 || !Number.isSafeInteger(e.sequence)) return issue('GP_EVENT_SEQUENCE_INVALID', 'sequence');
  if (!e.clientTsMs || e.clientTsMs <= 0 || !Number.isSafeInteger(e.clientTsMs)) return issue('GP_EVENT_TIMESTAMP_INVALID', 'client_ts_ms');
  const ctxIssue = validateContext(e.context, !batchHasGame);
  if (ctxIssue) return ctxIssue;
  if (e.sampleRate != null && !(e.sampleRate >= 0 && e.sampleRate <= 1)) return issue('GP_EVENT_SAMPLE_RATE_INVALID', 'sample_rate');
  if (e.custom) {
    const keys = Object.keys(e.custom);
    if (keys.length > LIMITS.customMaxEntries) return issue('GP_EVENT_CUSTOM_INVALID', 'custom');
    for (const k of keys) {
      const v = e.custom[k];
      if (
        k.length > LIMITS.customKeyMaxChars ||
        !CUSTOM_KEY_PATTERN.test(k) ||
        typeof v !== 'string' ||
        v.length > LIMITS.customValueMaxChars
      )
        return issue('GP_EVENT_CUSTOM_INVALID', `custom.${k.slice(0, LIMITS.customKeyMaxChars)}`);
    }
  }
  return validatePayload(e);
}
