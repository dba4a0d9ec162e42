/**
 * The launcher's services under supervision (supervisor.ts): each one is restarted with
 * backoff when it crashes; the group reports every crash and restart as a line, sums the
 * restarts for the live status line, and resolves `crashLoop` when one service gives up
 * — the only crash that stops the launcher.
 */
import { join } from 'node:path';
import { RestartPolicy, type RestartPolicyOptions } from './restart-policy.ts';
import { launchService, type ServiceSpec } from './services.ts';
import { ServiceSupervisor, type SupervisionChange, type SupervisorTimers } from './supervisor.ts';

export interface ServiceGroupOptions {
  logDir: string;
  root: string;
  /** Restart backoff and crash-loop limit, per service. @default DEFAULT_RESTART_POLICY */
  restartPolicy?: RestartPolicyOptions;
  /** Jitter of the backoff. @default Math.random */
  random?: () => number;
  timers?: SupervisorTimers;
  /** Where crash and restart lines go. */
  log(line: string): void;
}

export class ServiceGroup {
  readonly services: ServiceSupervisor[] = [];
  private resolveCrashLoop!: (change: SupervisionChange) => void;
  /** Resolves with the first service that gave up (a crash loop). */
  readonly crashLoop: Promise<SupervisionChange> = new Promise((resolve) => (this.resolveCrashLoop = resolve));

  constructor(private readonly o: ServiceGroupOptions) {}

  /** Starts `spec` under supervision and waits until it is running (restarting it if it crashes on the way). */
  async start(spec: ServiceSpec): Promise<ServiceSupervisor> {
    const sup = new ServiceSupervisor({
      name: spec.name,
      launch: () => launchService(spec, this.o.logDir, this.o.root),
      policy: new RestartPolicy(this.o.restartPolicy, this.o.random),
      ...(this.o.timers ? { timers: this.o.timers } : {}),
      onChange: (c) => this.report(c),
    });
    this.services.push(sup);
    void sup.failed.then((c) => this.resolveCrashLoop(c));
    await sup.whenRunning();
    return sup;
  }

  logFile(name: string): string {
    return join(this.o.logDir, `${name}.log`);
  }

  /** For the live line: "restarts processor-0 ×1, collector ×2 (backoff)", or '' when nothing restarted. */
  restartsSummary(): string {
    const parts = this.services
      .filter((s) => s.restarts > 0 || s.state !== 'running')
      .map((s) => `${s.name} ×${s.restarts}${s.state === 'running' ? '' : ` (${s.state})`}`);
    return parts.length ? `restarts ${parts.join(', ')}` : '';
  }

  private report(c: SupervisionChange): void {
    const where = `see ${this.logFile(c.service)}`;
    if (c.event === 'crashed')
      this.o.log(
        `${c.service} crashed (exit ${c.exitCode}); restarting in ${(c.delayMs! / 1000).toFixed(1)} s ` +
          `(crash ${c.crashesInWindow} in the window); ${where}`,
      );
    else if (c.event === 'ready' && c.restarts > 0) this.o.log(`${c.service} restarted and ready (restart ${c.restarts})`);
    else if (c.event === 'crash_loop')
      this.o.log(`${c.service} keeps crashing (exit ${c.exitCode}, ${c.crashesInWindow} crashes in the window): stopping; ${where}`);
  }
}
