/**
 * Per-event validation, for partial success: valid events go on, each invalid one gets
 * a `Rejection` with the stable code and the offending field.
 */
import { EVENT_CODES, validateEvent, type EventData, type EventIssue, type RejectionData } from '@gamepulse/proto';

export interface RejectedEvent {
  event: EventData;
  rejection: RejectionData & { code: EventIssue['code'] };
}

export interface ValidEvent {
  event: EventData;
  /** Position in the batch, to find the event's received bytes. */
  index: number;
}

export interface SplitEvents {
  valid: ValidEvent[];
  rejected: RejectedEvent[];
}

const GAME_MISMATCH_MESSAGE = "context.game_id is not the ingest key's game";

function check(event: EventData, installId: string, gameId: string): { issue: EventIssue; message: string } | undefined {
  // The batch context always carries the game (checkBatch fills it from the key).
  const issue = validateEvent(event, installId, true);
  if (issue) return { issue, message: EVENT_CODES[issue.code] };
  // A key writes for one game only, also through an event's own context.
  const own = event.context?.gameId;
  if (own && own !== gameId)
    return { issue: { code: 'GP_EVENT_CONTEXT_INVALID', field: 'context.game_id' }, message: GAME_MISMATCH_MESSAGE };
  return undefined;
}

export function splitEvents(events: EventData[], installId: string, gameId: string): SplitEvents {
  const valid: ValidEvent[] = [];
  const rejected: RejectedEvent[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const bad = check(event, installId, gameId);
    if (!bad) valid.push({ event, index });
    else rejected.push({ event, rejection: { index, code: bad.issue.code, field: bad.issue.field, message: bad.message } });
  }
  return { valid, rejected };
}
