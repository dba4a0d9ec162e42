import type { ContextData, EventData } from '../messages.ts';
import { payloadOf } from '../event-types.ts';
import type { EventIssue } from './codes.ts';
import { isIsoCurrency } from './currencies.ts';
import { CUSTOM_KEY_PATTERN, LIMITS, NAME_PATTERN, UUID_PATTERN } from './limits.ts';

const DESIGN_PART = /^[A-Za-z0-9_.\-]+$/;

function issue(code: EventIssue['code'], field: string): EventIssue {
  return { code, field };
}

/** Optional name: empty is fine, otherwise bounded and from the allowed characters. */
function badName(value: string | null | undefined): boolean {
  return !!value && (value.length > LIMITS.nameMaxChars || !NAME_PATTERN.test(value));
}

/** Required name. */
function badRequiredName(value: string | null | undefined): boolean {
  return !value || badName(value);
}

function badId(value: string | null | undefined): boolean {
  return !value || value.length > LIMITS.idMaxChars;
}

function badAmount(value: number | null | undefined, max: number): boolean {
  return typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > max;
}

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
  const kind = payloadOf(e as Parameters<typeof payloadOf>[0]);
  switch (kind) {
    case undefined:
      return issue('GP_EVENT_PAYLOAD_MISSING', 'payload');
    case 'sessionStart':
      return undefined;
    case 'sessionEnd': {
      const len = e.sessionEnd!.lengthMs ?? 0;
      if (!Number.isSafeInteger(len) || len < 0 || len > LIMITS.sessionMaxLengthMs)
        return issue('GP_EVENT_SESSION_LENGTH_INVALID', 'session_end.length_ms');
      return undefined;
    }
    case 'progression': {
      const p = e.progression!;
      if (!p.status || p.status < 1 || p.status > 3 || !p.tier1 || (p.tier3 && !p.tier2))
        return issue('GP_EVENT_PROGRESSION_INVALID', 'progression');
      for (const key of ['tier1', 'tier2', 'tier3'] as const)
        if (badName(p[key])) return issue('GP_EVENT_NAME_INVALID', `progression.${key}`);
      return undefined;
    }
    case 'purchase': {
      const p = e.purchase!;
      if (!p.currency || !isIsoCurrency(p.currency)) return issue('GP_EVENT_CURRENCY_INVALID', 'purchase.currency');
      if (badAmount(p.amountMinor, LIMITS.purchaseMaxMinor)) return issue('GP_EVENT_AMOUNT_INVALID', 'purchase.amount_minor');
      if (badRequiredName(p.itemType)) return issue('GP_EVENT_NAME_INVALID', 'purchase.item_type');
      if (badName(p.itemId)) return issue('GP_EVENT_NAME_INVALID', 'purchase.item_id');
      if (badName(p.store)) return issue('GP_EVENT_NAME_INVALID', 'purchase.store');
      if (p.transactionId && p.transactionId.length > LIMITS.idMaxChars)
        return issue('GP_EVENT_NAME_INVALID', 'purchase.transaction_id');
      return undefined;
    }
    case 'resource': {
      const r = e.resource!;
      if (r.flow !== 1 && r.flow !== 2) return issue('GP_EVENT_RESOURCE_FLOW_INVALID', 'resource.flow');
      if (badRequiredName(r.currency)) return issue('GP_EVENT_NAME_INVALID', 'resource.currency');
      if (badAmount(r.amount, LIMITS.resourceMaxAmount)) return issue('GP_EVENT_AMOUNT_INVALID', 'resource.amount');
      if (badRequiredName(r.itemType)) return issue('GP_EVENT_NAME_INVALID', 'resource.item_type');
      if (badName(r.itemId)) return issue('GP_EVENT_NAME_INVALID', 'resource.item_id');
      return undefined;
    }
    case 'design': {
      const d = e.design!;
      const parts = d.eventId ? d.eventId.split(':') : [];
      if (
        parts.length < 1 ||
        parts.length > LIMITS.designMaxParts ||
        parts.some((p) => !p || p.length > LIMITS.nameMaxChars || !DESIGN_PART.test(p))
      )
        return issue('GP_EVENT_DESIGN_ID_INVALID', 'design.event_id');
      if (d.value != null && !Number.isFinite(d.value)) return issue('GP_EVENT_VALUE_INVALID', 'design.value');
      return undefined;
    }
    case 'error': {
      const er = e.error!;
      if (!er.severity || er.severity < 1 || er.severity > 5) return issue('GP_EVENT_SEVERITY_INVALID', 'error.severity');
      if (er.message && er.message.length > LIMITS.messageMaxChars) return issue('GP_EVENT_MESSAGE_TOO_LONG', 'error.message');
      return undefined;
    }
    case 'ad': {
      const a = e.ad!;
      if (!a.action || a.action < 1 || a.action > 4) return issue('GP_EVENT_AD_ACTION_INVALID', 'ad.action');
      for (const key of ['adType', 'network', 'placement'] as const)
        if (badName(a[key])) return issue('GP_EVENT_NAME_INVALID', `ad.${key}`);
      return undefined;
    }
    case 'social':
      if (badRequiredName(e.social!.action)) return issue('GP_EVENT_NAME_INVALID', 'social.action');
      if (e.social!.target && e.social!.target.length > LIMITS.idMaxChars) return issue('GP_EVENT_NAME_INVALID', 'social.target');
      return undefined;
    case 'featureUse':
      return badRequiredName(e.featureUse!.feature) ? issue('GP_EVENT_NAME_INVALID', 'feature_use.feature') : undefined;
    case 'experimentExposure': {
      const x = e.experimentExposure!;
      if (badRequiredName(x.experiment)) return issue('GP_EVENT_NAME_INVALID', 'experiment_exposure.experiment');
      if (badRequiredName(x.variant)) return issue('GP_EVENT_NAME_INVALID', 'experiment_exposure.variant');
      return undefined;
    }
  }
}

/**
 * Validates one event. `installId` is the batch's install id (an event must belong to
 * the batch it travels in); `batchHasGame` says whether the batch context supplies a
 * game id, so that events may omit their own context.
 * Returns the first issue found, or undefined for a valid event.
 */
export function validateEvent(e: EventData, installId: string, batchHasGame: boolean): EventIssue | undefined {
  if (!e.eventId || !UUID_PATTERN.test(e.eventId)) return issue('GP_EVENT_ID_INVALID', 'event_id');
  if (!e.installId || e.installId !== installId) return issue('GP_EVENT_INSTALL_ID_INVALID', 'install_id');
  if (badId(e.playerId)) return issue('GP_EVENT_PLAYER_ID_INVALID', 'player_id');
  if (!e.sessionId || !UUID_PATTERN.test(e.sessionId)) return issue('GP_EVENT_SESSION_ID_INVALID', 'session_id');
  if (!e.sequence || e.sequence < 1 || !Number.isSafeInteger(e.sequence)) return issue('GP_EVENT_SEQUENCE_INVALID', 'sequence');
  if (!e.clientTsMs || e.clientTsMs <= 0 || !Number.isSafeInteger(e.clientTsMs))
    return issue('GP_EVENT_TIMESTAMP_INVALID', 'client_ts_ms');
  const ctxIssue = validateContext(e.context, !batchHasGame);
  if (ctxIssue) return ctxIssue;
  if (e.sampleRate != null && !(e.sampleRate >= 0 && e.sampleRate <= 1)) return issue('GP_EVENT_SAMPLE_RATE_INVALID', 'sample_rate');
  if (e.custom) {
    const keys = Object.keys(e.custom);
    if (keys.length > LIMITS.customMaxEntries) return issue('GP_EVENT_CUSTOM_INVALID', 'custom');
    for (const k of keys) {
      const v = e.custom[k];
      if (k.length > LIMITS.customKeyMaxChars || !CUSTOM_KEY_PATTERN.test(k) || typeof v !== 'string' || v.length > LIMITS.customValueMaxChars)
        return issue('GP_EVENT_CUSTOM_INVALID', `custom.${k.slice(0, LIMITS.customKeyMaxChars)}`);
    }
  }
  return validatePayload(e);
}
