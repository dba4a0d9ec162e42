/**
 * Supervises one service of the launcher the way a process manager does: a crashed
 * process (exit nobody asked for, or no readiness in time) is started again after the
 * restart policy's backoff (restart-policy.ts), and a crash loop ends in `failed`, which
 * the launcher answers by stopping everything. The lifecycle is the table in
 * supervision-state.ts. Processes and timers are injected, so supervisor.test.ts runs
 * it with fakes; scripts/start/services.ts gives the real processes.
 */
import type { RestartPolicy } from './restart-policy.ts';
import { SupervisionStateMachine, type SupervisionEvent, type SupervisionState } from './supervision-state.ts';

/** One started process of a service, as the supervisor needs it. */
export interface SupervisedProcess {
  /** OS process id (for the launcher's status file), when there is one. */
  readonly pid: number | undefined;
  /** Resolves with the exit code (128 + n… for a signal) when the process ends, whatever the reason. */
  readonly exited: Promise<number>;
  /** Resolves when the process is ready; rejects when it will not be (exited first, or too slow). */
  readonly ready: Promise<void>;
  /** Graceful stop (SIGTERM, SIGKILL after a grace period); resolves with the exit code. */
  stop(): Promise<number>;
  /** Immediate kill (SIGKILL). */
  kill(): void;
}

/** One-shot timers and the time: injected so tests move time by hand. */
export interface SupervisorTimers {
  nowMs(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: SupervisorTimers = {
  nowMs: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A transition of one service, with what caused it: the launcher prints these and writes its status file. */
export interface SupervisionChange {
  service: string;
  from: SupervisionState;
  event: SupervisionEvent;
  to: SupervisionState;
  /** Restarts so far (processes started after the first). */
  restarts: number;
  /** crashed, crash_loop: how the process ended. */
  exitCode?: number;
  /** crashed: the backoff before the next start. */
  delayMs?: number;
  /** crashed, crash_loop: crashes inside the policy's window, this one included. */
  crashesInWindow?: number;
}

export interface ServiceSupervisorOptions {
  name: string;
  /** Starts a new process of the service. */
  launch(): SupervisedProcess;
  policy: RestartPolicy;
  /** @default REAL_TIMERS */
  timers?: SupervisorTimers;
  onChange?(change: SupervisionChange): void;
}

export class ServiceSupervisor {
  readonly name: string;
  private readonly machine: SupervisionStateMachine;
  private readonly timers: SupervisorTimers;
  private current!: SupervisedProcess;
  private backoffTimer: unknown;
  private lastExitCode: number | undefined;
  private restartCount = 0;
  private stopping: Promise<number | undefined> | undefined;
  private settleRunning: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private resolveFailed!: (change: SupervisionChange) => void;
  /** Resolves if the service gives up (a crash loop); never rejects. */
  readonly failed: Promise<SupervisionChange>;

  constructor(private readonly o: ServiceSupervisorOptions) {
    this.name = o.name;
    this.timers = o.timers ?? REAL_TIMERS;
    this.failed = new Promise((resolve) => (this.resolveFailed = resolve));
    this.machine = new SupervisionStateMachine(o.name);
    this.spawn();
  }

  get state(): SupervisionState {
    return this.machine.state;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /** The pid of the live process (undefined in backoff or after it ended). */
  get pid(): number | undefined {
    return this.state === 'starting' || this.state === 'running' || this.state === 'stopping' ? this.current.pid : undefined;
  }

  /** Resolves once the service is running (after restarts if need be); rejects if it gives up or is stopped first. */
  whenRunning(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    if (this.state === 'failed' || this.state === 'stopped' || this.state === 'stopping')
      return Promise.reject(new Error(`${this.name} is ${this.state}`));
    return new Promise((resolve, reject) => this.settleRunning.push({ resolve, reject }));
  }

  /** Stops the service for good: cancels a pending restart, or stops the process gracefully. Safe to call twice. */
  stop(): Promise<number | undefined> {
    if (this.stopping) return this.stopping;
    const s = this.state;
    if (s === 'backoff') {
      this.timers.clearTimeout(this.backoffTimer);
      this.fire('stop');
      this.stopping = Promise.resolve(this.lastExitCode);
    } else if (s === 'starting' || s === 'running') {
      this.fire('stop');
      this.stopping = this.current.stop().then((code) => {
        this.lastExitCode = code;
        this.fire('stopped');
        return code;
      });
    } else this.stopping = Promise.resolve(this.lastExitCode);
    return this.stopping;
  }

  /** SIGKILL the live process without restarting it (the launcher's second Ctrl-C). */
  kill(): void {
    if (this.state === 'backoff') void this.stop();
    else this.current.kill();
  }

  private spawn(): void {
    const p = this.o.launch();
    this.current = p;
    p.ready.then(
      () => {
        if (this.current === p && this.state === 'starting') this.fire('ready');
      },
      () => {
        // Not ready in time (or exited, which `exited` handles): a hung start is a crash too.
        if (this.current === p && this.state === 'starting') p.kill();
      },
    );
    void p.exited.then((code) => this.onExit(p, code));
  }

  private onExit(p: SupervisedProcess, code: number): void {
    if (p !== this.current) return;
    this.lastExitCode = code;
    // stopping: stop() waits for this exit itself.
    if (this.state !== 'starting' && this.state !== 'running') return;
    const decision = this.o.policy.onCrash(this.timers.nowMs());
    if (decision.action === 'give_up') {
      const change = this.fire('crash_loop', { exitCode: code, crashesInWindow: decision.crashesInWindow });
      this.resolveFailed(change);
      return;
    }
    this.fire('crashed', { exitCode: code, delayMs: decision.delayMs, crashesInWindow: decision.crashesInWindow });
    this.backoffTimer = this.timers.setTimeout(() => {
      if (this.state !== 'backoff') return;
      this.restartCount++;
      this.fire('restart');
      this.spawn();
    }, decision.delayMs);
  }

  private fire(event: SupervisionEvent, detail: Partial<SupervisionChange> = {}): SupervisionChange {
    const from = this.machine.state;
    const to = this.machine.fire(event);
    const change: SupervisionChange = { service: this.name, from, event, to, restarts: this.restartCount, ...detail };
    this.o.onChange?.(change);
    if (to === 'running') for (const w of this.settleRunning.splice(0)) w.resolve();
    if (to === 'failed' || to === 'stopping' || to === 'stopped')
      for (const w of this.settleRunning.splice(0)) w.reject(new Error(`${this.name} is ${to}`));
    return change;
  }
}
