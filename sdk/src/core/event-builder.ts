/**
 * Stamps what the game passed to track() into a full `Event`: a UUIDv7 event id, the
 * install, player and session, the client time from the injected clock (taken when the
 * game called, even if the SDK was still loading) and the player's sample rate.
 * `sequence` and `session_number` are per-install counters that the sender assigns
 * when it freezes the batch (frozen-batch.ts). Event.context stays empty: the batch
 * carries it once.
 */
import { PAYLOAD_KEYS, type EventData } from '@gamepulse/proto/sdk';
import type { CustomFields, TrackPayload } from './taxonomy.ts';
import type { UuidV7Generator } from './uuid-v7.ts';

/** When a call happened: wall clock for timestamps, monotonic for durations. */
export interface CallTime {
  wallMs: number;
  monoMs: number;
}

export interface Identity {
  installId: string;
  playerId: string;
}

const PAYLOAD_SLOTS: Readonly<Record<string, true>> = Object.fromEntries(PAYLOAD_KEYS.map((k) => [k, true]));

/**
 * Builds the event. `sequence` is 1 here so that the shared validation (which requires
 * one) applies unchanged; the encoder leaves it out and the sender appends the real one.
 */
export function buildEvent(
  uuid: UuidV7Generator,
  payload: TrackPayload,
  custom: CustomFields | undefined,
  at: CallTime,
  who: Identity,
  sessionId: string,
  sampleRate: number,
): EventData {
  // One object shape for every event (all payload slots present, one filled) keeps
  // validation and encoding monomorphic: about 3x cheaper than spreading the payload.
  const event: EventData = {
    eventId: uuid(at.wallMs),
    installId: who.installId,
    playerId: who.playerId,
    sessionId,
    sequence: 1,
    clientTsMs: Math.floor(at.wallMs),
    sampleRate: sampleRate < 1 ? sampleRate : 0,
    custom,
    sessionStart: undefined,
    sessionEnd: undefined,
    progression: undefined,
    purchase: undefined,
    resource: undefined,
    design: undefined,
    error: undefined,
    ad: undefined,
    social: undefined,
    featureUse: undefined,
    experimentExposure: undefined,
    refund: undefined,
  };
  const slots = event as Record<string, unknown>;
  const given = payload as Record<string, unknown>;
  // Only taxonomy fields are copied: two of them make the event invalid (validation
  // reports GP_EVENT_PAYLOAD_MISSING), anything else in the object is ignored.
  for (const key in given) if (PAYLOAD_SLOTS[key] === true) slots[key] = given[key];
  return event;
}
