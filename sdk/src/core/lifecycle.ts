/**
 * The client's lifecycle as an explicit table of allowed transitions, so a path that
 * would, say, revive a stopped client fails loudly in tests instead of quietly.
 *
 *   loading ──▶ ready ──▶ stopping ──▶ stopped
 *      └──────────────────▶┘
 *
 * loading: storage is being read; calls are buffered with their call time.
 * ready:   calls are recorded. stopping: shutdown() is flushing; new calls are dropped.
 */
export type Phase = 'loading' | 'ready' | 'stopping' | 'stopped';

const NEXT: Readonly<Record<Phase, readonly Phase[]>> = {
  loading: ['ready', 'stopping'],
  ready: ['stopping'],
  stopping: ['stopped'],
  stopped: [],
};

export class Lifecycle {
  private current: Phase = 'loading';

  get phase(): Phase {
    return this.current;
  }

  to(next: Phase): void {
    if (!NEXT[this.current].includes(next)) throw new Error(`gamepulse: invalid lifecycle transition ${this.current} -> ${next}`);
    this.current = next;
  }
}
