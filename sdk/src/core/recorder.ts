/**
 * Recording: turns one game call into at most a few encoded events in the queue.
 * Validates (the shared rules of @gamepulse/proto), stamps (event-builder.ts), keeps
 * the session consistent with the events, encodes once, and enqueues. Anything
 * rejected is dropped, counted by code and reported — never thrown.
 */
import { Event, LIMITS, validateEvent, type EventData } from '@gamepulse/proto';
import type { Batcher } from './batcher.ts';
import type { GamepulseCode } from './codes.ts';
import type { Report } from './debug.ts';
import type { DropCounter } from './drops.ts';
import { EventBuilder, type CallTime } from './event-builder.ts';
import { framedEventLength } from './frozen-batch.ts';
import type { Persistence } from './persistence.ts';
import type { EventQueue } from './queue.ts';
import { SessionTracker, type ActiveSession } from './session.ts';
import type { PersistedState } from './storage.ts';
import type { CustomFields, TrackPayload } from './taxonomy.ts';
import type { UuidV7Generator } from './uuid-v7.ts';

export interface RecorderDeps {
  uuid: UuidV7Generator;
  queue: EventQueue;
  batcher: Batcher;
  persistence: Persistence;
  drops: DropCounter;
  report: Report;
  /** Largest framed event that fits a batch. */
  maxEventBytes: number;
}

export class Recorder {
  private readonly builder: EventBuilder;
  private readonly sessions: SessionTracker;

  constructor(
    /** The install's state; nextBatchSequence is advanced by delivery. */
    readonly state: PersistedState,
    private readonly d: RecorderDeps,
  ) {
    this.builder = new EventBuilder(d.uuid, state.nextEventSequence);
    this.sessions = new SessionTracker(state.sessionNumber);
  }

  /** What storage should hold now. */
  snapshot(): PersistedState {
    return { ...this.state, nextEventSequence: this.builder.sequence, sessionNumber: this.sessions.count };
  }

  get sessionActive(): boolean {
    return this.sessions.active !== undefined;
  }

  record(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime): void {
    if (typeof payload !== 'object' || payload === null) return this.drop('GP_EVENT_PAYLOAD_MISSING', 'payload');
    // Session events go through the session so its state and the events agree.
    if ('sessionStart' in payload && payload.sessionStart) return void this.startSession(at);
    if ('sessionEnd' in payload && payload.sessionEnd) return this.endSession(at);
    let session = this.sessions.active;
    if (!session) {
      // The first event outside a session starts one, but only if the event is valid.
      const id = this.d.uuid(at.wallMs);
      const { issue } = this.build(payload, custom, at, { id, number: this.sessions.count + 1, startedMonoMs: at.monoMs });
      if (issue) return this.drop(issue.code, issue.field);
      session = this.startSession(at, id);
    }
    this.enqueue(payload, custom, at, session);
  }

  startSession(at: CallTime, id = this.d.uuid(at.wallMs)): ActiveSession {
    if (this.sessions.active) this.endSession(at);
    const session = this.sessions.start(id, at.monoMs);
    void this.d.persistence.saveState();
    this.enqueue({ sessionStart: {} }, undefined, at, session);
    return session;
  }

  endSession(at: CallTime): void {
    const session = this.sessions.active;
    if (!session) return this.d.report('warn', 'GP_SDK_SESSION_NOT_ACTIVE');
    const lengthMs = this.sessions.end(at.monoMs);
    this.enqueue({ sessionEnd: { lengthMs } }, undefined, at, session);
  }

  identify(playerId: string): void {
    if (typeof playerId !== 'string' || !playerId || playerId.length > LIMITS.idMaxChars) {
      return this.d.report('warn', 'GP_EVENT_PLAYER_ID_INVALID', { field: 'player_id' });
    }
    this.state.playerId = playerId;
    void this.d.persistence.saveState();
  }

  drop(code: GamepulseCode, field?: string): void {
    this.d.drops.add(code);
    this.d.report('warn', code, field === undefined ? undefined : { field });
  }

  private build(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime, session: ActiveSession) {
    const { installId, playerId } = this.state;
    const event: EventData = this.builder.build(payload, custom, at, { installId, playerId: playerId || installId }, session);
    return { event, issue: validateEvent(event, installId, true) };
  }

  private enqueue(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime, session: ActiveSession): void {
    const { event, issue } = this.build(payload, custom, at, session);
    if (issue) return this.drop(issue.code, issue.field);
    const bytes = Event.encode(event).finish();
    if (framedEventLength(bytes.length) > this.d.maxEventBytes) return this.drop('GP_SDK_EVENT_TOO_LARGE');
    if (!this.d.queue.push(bytes)) return this.d.report('warn', 'GP_SDK_QUEUE_FULL');
    this.builder.commit();
    this.d.batcher.onEnqueue();
  }
}
