/**
 * The current play session: its UUIDv7 and its foreground time on the monotonic clock,
 * so session_end.length_ms is immune to wall-clock jumps (NTP, the player changing the
 * time). A session pauses when the game goes to the background (hidden tab, engine
 * pause) and ends if it stays there longer than `sessionTimeoutMs` (30 minutes by
 * default, the convention of GameAnalytics and Firebase); otherwise it continues.
 * A reload resumes the session the previous page left, if it is that recent: the
 * snapshot (id, foreground time, last activity) lives in the persisted state, and a
 * resumed session emits no second session_start (the backend counts session_start
 * events as sessions).
 */
import type { SessionSnapshot } from './storage.ts';

export interface ActiveSession {
  id: string;
  /** Foreground time before the current foreground stretch, ms. */
  foregroundMs: number;
  /** Monotonic start of the current foreground stretch; undefined while paused. */
  stretchStartMono: number | undefined;
  /** Wall clock of the last activity (or of the pause). */
  lastActiveMs: number;
  /** Experiments whose exposure was tracked in this session. */
  exposed: Set<string>;
}

export interface Instant {
  wallMs: number;
  monoMs: number;
}

export class SessionTracker {
  #current: ActiveSession | undefined;

  get active(): ActiveSession | undefined {
    return this.#current;
  }

  get paused(): boolean {
    return this.#current !== undefined && this.#current.stretchStartMono === undefined;
  }

  start(id: string, at: Instant): ActiveSession {
    this.#current = { id, foregroundMs: 0, stretchStartMono: at.monoMs, lastActiveMs: at.wallMs, exposed: new Set() };
    return this.#current;
  }

  /** Continues a session of an earlier page (its foreground time carries on). */
  restore(s: SessionSnapshot, at: Instant): ActiveSession {
    this.#current = { id: s.id, foregroundMs: s.foregroundMs, stretchStartMono: at.monoMs, lastActiveMs: at.wallMs, exposed: new Set() };
    return this.#current;
  }

  /** Foreground length so far, ms. */
  lengthMs(at: Instant): number {
    const s = this.#current;
    if (!s) return 0;
    const stretch = s.stretchStartMono === undefined ? 0 : Math.max(0, at.monoMs - s.stretchStartMono);
    return Math.round(s.foregroundMs + stretch);
  }

  /** Ends the session; returns its foreground length. */
  end(at: Instant): number {
    const length = this.lengthMs(at);
    this.#current = undefined;
    return length;
  }

  pause(at: Instant): void {
    const s = this.#current;
    if (!s || s.stretchStartMono === undefined) return;
    s.foregroundMs += Math.max(0, at.monoMs - s.stretchStartMono);
    s.stretchStartMono = undefined;
    s.lastActiveMs = at.wallMs;
  }

  /** Back in the foreground: true if the session continues, false if it timed out (caller ends it). */
  resume(at: Instant, timeoutMs: number): boolean {
    const s = this.#current;
    if (!s || s.stretchStartMono !== undefined) return true;
    if (at.wallMs - s.lastActiveMs > timeoutMs) return false;
    s.stretchStartMono = at.monoMs;
    s.lastActiveMs = at.wallMs;
    return true;
  }

  touch(at: Instant): void {
    if (this.#current && this.#current.stretchStartMono !== undefined) this.#current.lastActiveMs = at.wallMs;
  }

  snapshot(owner: string, at: Instant): SessionSnapshot | undefined {
    const s = this.#current;
    if (!s) return undefined;
    return {
      id: s.id,
      foregroundMs: this.lengthMs(at),
      lastActiveMs: s.stretchStartMono === undefined ? s.lastActiveMs : at.wallMs,
      owner,
    };
  }
}
