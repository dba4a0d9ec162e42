/**
 * Graceful shutdown: on SIGTERM or SIGINT run the registered steps in order (stop
 * accepting → drain in-flight → flush → commit → close), each with a deadline, then
 * exit 0; a second signal exits at once with 130. Steps are registered by the code
 * that owns the resource, so `main` files stay short.
 */
import type { Logger } from './logger.ts';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
  /** @default 10_000 */
  timeoutMs?: number;
}

export interface Shutdown {
  add(step: ShutdownStep): void;
  /** True once a signal arrived (readiness goes 503). */
  readonly draining: boolean;
  /** Runs the steps now (also used by tests); resolves when all finished. */
  run(reason: string): Promise<void>;
}

export function createShutdown(options: { logger: Logger; exit?: (code: number) => void; signals?: NodeJS.Signals[] }): Shutdown {
  const steps: ShutdownStep[] = [];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let draining = false;
  let running: Promise<void> | undefined;

  const run = (reason: string): Promise<void> => {
    if (running) return running;
    draining = true;
    options.logger.info('shutdown started', { reason });
    running = (async () => {
      for (const step of steps) {
        const started = Date.now();
        const timeoutMs = step.timeoutMs ?? 10_000;
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            step.run(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          options.logger.info('shutdown step done', { step: step.name, ms: Date.now() - started });
        } catch (err) {
          options.logger.error('shutdown step failed', { step: step.name, err });
        } finally {
          clearTimeout(timer);
        }
      }
      options.logger.info('shutdown complete');
    })();
    return running;
  };

  for (const sig of options.signals ?? (['SIGTERM', 'SIGINT'] as NodeJS.Signals[])) {
    process.on(sig, () => {
      if (running) {
        options.logger.warn('second signal: exiting now', { signal: sig });
        exit(130);
        return;
      }
      void run(sig).then(() => exit(0));
    });
  }

  return {
    add: (step) => void steps.push(step),
    get draining() {
      return draining;
    },
    run,
  };
}
