/**
 * Recording: turns one game call into at most a few encoded events in the queue.
 * Validates (the shared rules of @gamepulse/proto), stamps (event-builder.ts), keeps
 * the session consistent with the events, samples by player, encodes once, enqueues
 * and journals. Anything rejected is dropped, counted by code and reported — never
 * thrown.
 */
import { LIMITS, encodeEvent, validateEvent } from '@gamepulse/proto/sdk';
import type { GamepulseCode } from './codes.ts';
import type { Report } from './debug.ts';
import type { Delivery } from './delivery.ts';
import type { DropCounter } from './drops.ts';
import { buildEvent, type CallTime } from './event-builder.ts';
import { inSample } from './hash.ts';
import type { Journal } from './journal.ts';
import { laneOf } from './lanes.ts';
import type { Persistence } from './persistence.ts';
import { FREEZE_SUFFIX_MAX_BYTES, type EventQueue } from './queue.ts';
import { framedEventLength } from './frozen-batch.ts';
import { SessionTracker, type ActiveSession } from './session.ts';
import type { PersistedState } from './storage.ts';
import type { CustomFields, TrackPayload } from './taxonomy.ts';
import type { UuidV7Generator } from './uuid-v7.ts';

export interface RecorderDeps {
  uuid: UuidV7Generator;
  queue: EventQueue;
  journal: Journal;
  delivery: Delivery;
  persistence: Persistence;
  drops: DropCounter;
  report: Report;
  /** Largest framed event that fits a batch. */
  maxEventBytes: number;
  /** This tab or process (journal owner). */
  owner: string;
  sampleRate: number;
  sessionTimeoutMs: number;
}

/** How often the session snapshot is re-saved during play. */
const SNAPSHOT_EVERY_MS = 60_000;

export class Recorder {
  readonly sessions = new SessionTracker();
  #snapshotAtMs = 0;
  /** Events not recorded because the player is outside the sample. */
  sampledOut = 0;

  readonly #d: RecorderDeps;

  constructor(
    /** The install's state; the counters are advanced by delivery. */
    readonly state: PersistedState,
    d: RecorderDeps,
  ) {
    this.#d = d;
  }

  get sessionActive(): boolean {
    return this.sessions.active !== undefined;
  }

  get playerId(): string {
    return this.state.playerId || this.state.installId;
  }

  record(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime): void {
    if (typeof payload !== 'object' || payload === null) return this.drop('GP_EVENT_PAYLOAD_MISSING', 'payload');
    // Session events go through the session so its state and the events agree.
    if ('sessionStart' in payload && payload.sessionStart) return void this.startSession(at);
    if ('sessionEnd' in payload && payload.sessionEnd) return this.endSession(at);
    let session = this.sessions.active;
    if (!session) {
      // The first event outside a session starts one, but only if the event is valid.
      const { issue } = this.#build(payload, custom, at, this.#d.uuid(at.wallMs));
      if (issue) return this.drop(issue.code, issue.field);
      session = this.startSession(at);
    }
    this.sessions.touch(at);
    this.#enqueue(payload, custom, at, session.id);
    // Keep the stored snapshot fresh while playing, so a crash or a closed tab leaves a
    // last-activity time (and foreground length) that is at most a minute old.
    if (at.wallMs - this.#snapshotAtMs > SNAPSHOT_EVERY_MS) this.saveSnapshot(at);
  }

  startSession(at: CallTime, id = this.#d.uuid(at.wallMs)): ActiveSession {
    if (this.sessions.active) this.endSession(at);
    const session = this.sessions.start(id, at);
    this.#enqueue({ sessionStart: {} }, undefined, at, session.id);
    this.saveSnapshot(at);
    return session;
  }

  endSession(at: CallTime): void {
    const session = this.sessions.active;
    if (!session) return this.#d.report('warn', 'GP_SDK_SESSION_NOT_ACTIVE');
    const lengthMs = this.sessions.end(at);
    this.#enqueue({ sessionEnd: { lengthMs } }, undefined, at, session.id);
    this.state.lastSession = undefined;
    void this.#d.persistence.saveState();
  }

  /** Background / engine pause: the session stops counting foreground time. */
  pause(at: CallTime): void {
    this.sessions.pause(at);
    this.saveSnapshot(at);
  }

  /** Foreground again: the session continues, or ends at the pause and a new one starts. */
  resume(at: CallTime): void {
    const s = this.sessions.active;
    if (!s || this.sessions.resume(at, this.#d.sessionTimeoutMs)) return this.saveSnapshot(at);
    const pausedAt: CallTime = { wallMs: s.lastActiveMs, monoMs: at.monoMs };
    const lengthMs = this.sessions.end(pausedAt);
    this.#enqueue({ sessionEnd: { lengthMs } }, undefined, pausedAt, s.id);
    this.startSession(at);
  }

  /**
   * At load: a session the previous page or process left is resumed if it is recent
   * and nobody else owns it; if it is too old it is ended (at its last activity).
   */
  resumeStored(at: CallTime, liveOwners: ReadonlySet<string>): void {
    const last = this.state.lastSession;
    if (!last || this.sessions.active) return;
    if (liveOwners.has(last.owner) && last.owner !== this.#d.owner) return; // another tab's session
    if (at.wallMs - last.lastActiveMs <= this.#d.sessionTimeoutMs) {
      this.sessions.restore(last, at);
      this.saveSnapshot(at);
      return;
    }
    this.state.lastSession = undefined;
    this.#enqueue(
      { sessionEnd: { lengthMs: Math.round(last.foregroundMs) } },
      undefined,
      { wallMs: last.lastActiveMs, monoMs: at.monoMs },
      last.id,
    );
    void this.#d.persistence.saveState();
  }

  saveSnapshot(at: CallTime): void {
    this.#snapshotAtMs = at.wallMs;
    const snap = this.sessions.snapshot(this.#d.owner, at);
    if (snap) this.state.lastSession = snap;
    void this.#d.persistence.saveState();
  }

  identify(playerId: string): void {
    if (typeof playerId !== 'string' || !playerId || playerId.length > LIMITS.idMaxChars) {
      return this.#d.report('warn', 'GP_EVENT_PLAYER_ID_INVALID', { field: 'player_id' });
    }
    this.state.playerId = playerId;
    void this.#d.persistence.saveState();
  }

  drop(code: GamepulseCode, field?: string): void {
    this.#d.drops.add(code);
    this.#d.report('warn', code, field === undefined ? undefined : { field });
  }

  #build(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime, sessionId: string) {
    const { installId } = this.state;
    const event = buildEvent(this.#d.uuid, payload, custom, at, { installId, playerId: this.playerId }, sessionId, this.#d.sampleRate);
    return { event, issue: validateEvent(event, installId, true) };
  }

  #enqueue(payload: TrackPayload, custom: CustomFields | undefined, at: CallTime, sessionId: string): void {
    // Sampling is by player, so a player's whole history is kept or left out together.
    if (this.#d.sampleRate < 1 && !inSample(this.playerId, this.#d.sampleRate)) {
      this.sampledOut++;
      return;
    }
    const { event, issue } = this.#build(payload, custom, at, sessionId);
    if (issue) return this.drop(issue.code, issue.field);
    event.sequence = 0; // assigned when the batch is frozen (frozen-batch.ts)
    const bytes = encodeEvent(event);
    if (framedEventLength(bytes.length + FREEZE_SUFFIX_MAX_BYTES) > this.#d.maxEventBytes) return this.drop('GP_SDK_EVENT_TOO_LARGE');
    const entry = { id: event.eventId!, owner: this.#d.owner, lane: laneOf(payload), sid: sessionId, bytes };
    if (!this.#d.queue.push(entry)) return this.#d.report('warn', 'GP_SDK_QUEUE_FULL');
    this.#d.journal.append(entry);
    this.#d.delivery.onEnqueue();
  }
}
