/**
 * Stamps what the game passed to track() into a full `Event`: a UUIDv7 event id, the
 * install, player and session, the per-install sequence, the client time from the
 * injected clock (taken when the game called, even if the SDK was still loading) and
 * the session number. Event.context stays empty: the batch carries it once.
 */
import { PAYLOAD_KEYS, type EventData } from '@gamepulse/proto';
import type { ActiveSession } from './session.ts';
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

export class EventBuilder {
  constructor(
    private readonly uuid: UuidV7Generator,
    private nextSequence: number,
  ) {}

  /** The sequence the next committed event gets. */
  get sequence(): number {
    return this.nextSequence;
  }

  /** Builds the event with the next sequence; call commit() if it is kept. */
  build(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime, who: Identity, session: ActiveSession): EventData {
    // One object shape for every event (all payload slots present, one filled) keeps
    // validation and encoding monomorphic: about 3x cheaper than spreading the payload.
    const event: EventData = {
      eventId: this.uuid(at.wallMs),
      installId: who.installId,
      playerId: who.playerId,
      sessionId: session.id,
      sequence: this.nextSequence,
      clientTsMs: Math.floor(at.wallMs),
      sessionNumber: session.number,
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
    };
    const slots = event as Record<string, unknown>;
    const given = payload as Record<string, unknown>;
    // Only taxonomy fields are copied: two of them make the event invalid (validation
    // reports GP_EVENT_PAYLOAD_MISSING), anything else in the object is ignored.
    for (const key in given) if (PAYLOAD_SLOTS[key] === true) slots[key] = given[key];
    return event;
  }

  commit(): void {
    this.nextSequence++;
  }
}
