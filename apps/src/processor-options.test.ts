/**
 * Every processor setting the configuration holds reaches the processor's options, in
 * both log modes (they share configuredProcessorOptions).
 */
import { describe, expect, it } from 'vitest';
import { loadProcessorConfig } from '@gamepulse/processor';
import { createLogger, Registry, type ServiceContext } from '@gamepulse/service';
import type { ProcessorConfig } from '@gamepulse/processor';
import { configuredProcessorOptions } from './processor-options.ts';

function context(env: NodeJS.ProcessEnv): ServiceContext<ProcessorConfig> {
  return {
    name: 'processor',
    config: loadProcessorConfig({ env }),
    logger: createLogger({ service: 'processor-options-test', level: 'error' }),
    registry: new Registry(),
    argv: [],
    opsPort: undefined,
    stopping: false,
    fail: () => undefined,
    stop: () => undefined,
  };
}

describe('configuredProcessorOptions', () => {
  it('passes the configured lateness, session-gap and analytics settings', async () => {
    const options = await configuredProcessorOptions(
      context({
        GAMEPULSE_PROCESSOR_SESSION_GAP_MS: '600000',
        GAMEPULSE_PROCESSOR_ALLOWED_LATENESS_MS: '120000',
        GAMEPULSE_PROCESSOR_ANALYTICS: 'plain',
        GAMEPULSE_PROCESSOR_MAX_PENDING_STEP_ROWS: '70000',
      }),
    );
    expect(options).toMatchObject({ sessionGapMs: 600_000, allowedLatenessMs: 120_000, analytics: 'plain', maxPendingStepRows: 70_000 });
    expect(options.metrics).toBeDefined();
    expect(options.reporting).toBeDefined();
  });

  it('keeps the defaults when nothing is set', async () => {
    const config = loadProcessorConfig({ env: {} });
    const options = await configuredProcessorOptions(context({}));
    expect(options).toMatchObject({
      sessionGapMs: config.sessionGapMs,
      commitIntervalMs: config.commitIntervalMs,
      maxPendingRows: config.maxPendingRows,
      analytics: 'full',
    });
    // Unset: the processor's own default (three times maxPendingRows) applies.
    expect(options.maxPendingStepRows).toBeUndefined();
  });
});
