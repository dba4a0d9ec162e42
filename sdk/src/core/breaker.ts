/**
 * Circuit breaker for the collector (Nygard, "Release It!", ch. 5): after
 * `failureThreshold` consecutive failed attempts the circuit opens and no attempt is
 * made for `openMs`; then one probe goes out (half-open). Success closes the circuit;
 * failure opens it again for twice as long, up to `maxOpenMs`. With one batch in
 * flight per install this mostly shapes the retry schedule, but it also stops the
 * page-close path and the other transports from hammering a collector that is down,
 * and `stats().circuit` tells the game what is going on.
 *
 * Each open period is drawn from (openFor / 2, openFor] ("equal jitter"): a collector
 * outage opens the circuits of a whole fleet of players within seconds of each other,
 * and fixed periods would keep their probes (and every later doubling) in lockstep, so
 * the collector coming back would meet all of them at once. Half the period stays a
 * floor, so an open circuit still backs off.
 *
 *   closed ──threshold failures──▶ open ──openMs elapsed──▶ half_open ──success──▶ closed
 *     ▲                              ▲                          │
 *     └──────────success─────────────┼────────failure───────────┘ (openMs doubles)
 */
import type { RandomSource } from './random.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

const NEXT: Readonly<Record<CircuitState, readonly CircuitState[]>> = {
  closed: ['open'],
  open: ['half_open', 'closed'],
  half_open: ['closed', 'open'],
};

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  maxOpenMs: number;
}

export class CircuitBreaker {
  #current: CircuitState = 'closed';
  #failures = 0;
  #openFor: number;
  #openUntil = 0;

  readonly #o: BreakerOptions;
  readonly #random: RandomSource;

  constructor(o: BreakerOptions, random: RandomSource) {
    this.#o = o;
    this.#random = random;
    this.#openFor = o.openMs;
  }

  get state(): CircuitState {
    return this.#current;
  }

  /** Ms until an attempt may go out (0 when closed or half-open, or once the open period ended). */
  waitMs(nowMs: number): number {
    if (this.#current !== 'open') return 0;
    const left = this.#openUntil - nowMs;
    if (left > 0) return left;
    this.#to('half_open');
    return 0;
  }

  success(): void {
    this.#failures = 0;
    this.#openFor = this.#o.openMs;
    if (this.#current !== 'closed') this.#to('closed');
  }

  failure(nowMs: number): void {
    this.#failures++;
    if (this.#current === 'half_open') {
      this.#openFor = Math.min(this.#o.maxOpenMs, this.#openFor * 2);
      this.#open(nowMs);
    } else if (this.#current === 'closed' && this.#failures >= this.#o.failureThreshold) this.#open(nowMs);
  }

  readonly #probeListeners = new Set<() => void>();

  /**
   * Let the next attempt through now: the network came back, or the game asked for a
   * flush (a shutdown is the last chance to send; one probe is cheap).
   */
  probeNow(): void {
    if (this.#current !== 'open') return;
    this.#to('half_open');
    for (const l of [...this.#probeListeners]) l();
  }

  /** Called when probeNow() ends an open period early (the retry layer stops waiting). */
  onProbe(listener: () => void): () => void {
    this.#probeListeners.add(listener);
    return () => this.#probeListeners.delete(listener);
  }

  #open(nowMs: number): void {
    this.#openUntil = nowMs + Math.ceil(this.#openFor * (1 - this.#random.next() / 2));
    this.#to('open');
  }

  #to(next: CircuitState): void {
    if (!NEXT[this.#current].includes(next)) throw new Error(`gamepulse: invalid circuit transition ${this.#current} -> ${next}`);
    this.#current = next;
  }
}
