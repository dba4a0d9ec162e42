import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy.ts';
import { SUPERVISION_TRANSITIONS, SupervisionStateMachine } from './supervision-state.ts';
import { ServiceSupervisor, type SupervisedProcess, type SupervisionChange, type SupervisorTimers } from './supervisor.ts';

/** A process the test ends and readies by hand. */
class FakeProcess implements SupervisedProcess {
  static next = 100;
  readonly pid = FakeProcess.next++;
  exit!: (code: number) => void;
  becomeReady!: () => void;
  failReady!: (e: Error) => void;
  readonly exited = new Promise<number>((r) => (this.exit = r));
  readonly ready = new Promise<void>((resolve, reject) => ((this.becomeReady = resolve), (this.failReady = reject)));
  signals: string[] = [];
  stop(): Promise<number> {
    this.signals.push('SIGTERM');
    this.exit(0);
    return this.exited;
  }
  kill(): void {
    this.signals.push('SIGKILL');
    this.exit(137);
  }
}

/** One-shot timers on a hand-moved clock. */
class ManualTimers implements SupervisorTimers {
  now = 0;
  private pending: Array<{ at: number; fn: () => void } | undefined> = [];
  nowMs = () => this.now;
  setTimeout = (fn: () => void, ms: number) => this.pending.push({ at: this.now + ms, fn }) - 1;
  clearTimeout = (h: unknown) => void (this.pending[h as number] = undefined);
  /** The delays still pending, from now. */
  get waiting(): number[] {
    return this.pending.flatMap((t) => (t ? [t.at - this.now] : []));
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [i, t] of this.pending.entries())
      if (t && t.at <= this.now) {
        this.pending[i] = undefined;
        t.fn();
      }
  }
}

const tick = () => new Promise((r) => setImmediate(r));

function rig(
  policy = new RestartPolicy({ baseDelayMs: 1_000, maxDelayMs: 8_000, maxCrashesInWindow: 4, crashWindowMs: 60_000 }, () => 1 - 1e-9),
) {
  const timers = new ManualTimers();
  const procs: FakeProcess[] = [];
  const changes: SupervisionChange[] = [];
  const sup = new ServiceSupervisor({
    name: 'processor-0',
    launch: () => {
      const p = new FakeProcess();
      procs.push(p);
      return p;
    },
    policy,
    timers,
    onChange: (c) => changes.push(c),
  });
  const log = () => changes.map((c) => `${c.from} -${c.event}-> ${c.to}`);
  return { sup, timers, procs, changes, log };
}

describe('scripts/start/supervision-state', () => {
  it('allows exactly the transitions of its table and throws on any other', () => {
    const m = new SupervisionStateMachine('svc');
    expect(m.fire('ready')).toBe('running');
    expect(m.can('restart')).toBe(false);
    expect(() => m.fire('restart')).toThrow(/illegal restart in state running/);
    expect(m.fire('crashed')).toBe('backoff');
    expect(m.fire('restart')).toBe('starting');
    expect(m.fire('crash_loop')).toBe('failed');
    // Terminal states accept nothing.
    expect(Object.keys(SUPERVISION_TRANSITIONS.failed)).toEqual([]);
    expect(Object.keys(SUPERVISION_TRANSITIONS.stopped)).toEqual([]);
  });
});

describe('scripts/start/supervisor', () => {
  it('restarts a crashed service after the backoff, and it runs again', async () => {
    const { sup, timers, procs, changes, log } = rig();
    procs[0]!.becomeReady();
    await sup.whenRunning();
    expect(sup.pid).toBe(procs[0]!.pid);

    procs[0]!.exit(137); // kill -9
    await tick();
    expect(sup.state).toBe('backoff');
    expect(sup.pid).toBeUndefined();
    expect(changes.at(-1)).toMatchObject({ event: 'crashed', exitCode: 137, delayMs: 1_000, crashesInWindow: 1 });
    expect(timers.waiting).toEqual([1_000]);

    timers.advance(999);
    expect(procs).toHaveLength(1);
    timers.advance(1);
    expect(procs).toHaveLength(2);
    expect(sup.state).toBe('starting');
    const running = sup.whenRunning();
    procs[1]!.becomeReady();
    await running;
    expect(sup.restarts).toBe(1);
    expect(sup.pid).toBe(procs[1]!.pid);
    expect(log()).toEqual([
      'starting -ready-> running',
      'running -crashed-> backoff',
      'backoff -restart-> starting',
      'starting -ready-> running',
    ]);
  });

  it('backs off exponentially and gives up on a crash loop, resolving `failed`', async () => {
    const { sup, timers, procs, log } = rig();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      procs[i]!.exit(1); // crashes while starting
      await tick();
      delays.push(...timers.waiting);
      timers.advance(timers.waiting[0]!);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    const running = sup.whenRunning().then(
      () => 'running',
      (e: Error) => e.message,
    );
    procs[3]!.exit(1);
    await tick();
    expect(sup.state).toBe('failed');
    await expect(sup.failed).resolves.toMatchObject({ event: 'crash_loop', exitCode: 1, crashesInWindow: 4, restarts: 3 });
    expect(await running).toBe('processor-0 is failed');
    expect(timers.waiting).toEqual([]);
    expect(log().at(-1)).toBe('starting -crash_loop-> failed');
  });

  it('kills a process that never becomes ready and counts it as a crash', async () => {
    const { sup, procs, changes } = rig();
    procs[0]!.failReady(new Error('not ready after 90000 ms'));
    await tick();
    await tick();
    expect(procs[0]!.signals).toEqual(['SIGKILL']);
    expect(sup.state).toBe('backoff');
    expect(changes.at(-1)).toMatchObject({ event: 'crashed', exitCode: 137 });
  });

  it('stops gracefully, and an exit during the stop is not a crash', async () => {
    const { sup, procs, timers, log } = rig();
    procs[0]!.becomeReady();
    await sup.whenRunning();
    await expect(sup.stop()).resolves.toBe(0);
    expect(procs[0]!.signals).toEqual(['SIGTERM']);
    expect(sup.state).toBe('stopped');
    expect(timers.waiting).toEqual([]);
    expect(procs).toHaveLength(1);
    expect(log()).toEqual(['starting -ready-> running', 'running -stop-> stopping', 'stopping -stopped-> stopped']);
    await expect(sup.stop()).resolves.toBe(0);
  });

  it('a stop during the backoff cancels the restart', async () => {
    const { sup, procs, timers } = rig();
    procs[0]!.becomeReady();
    await sup.whenRunning();
    procs[0]!.exit(137);
    await tick();
    expect(sup.state).toBe('backoff');
    await expect(sup.stop()).resolves.toBe(137);
    expect(sup.state).toBe('stopped');
    timers.advance(60_000);
    expect(procs).toHaveLength(1);
  });
});
