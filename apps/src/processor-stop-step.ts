/** The shutdown step both processor modes end with. */
import type { Processor } from '@gamepulse/processor';
import type { ServiceContext, ShutdownStep } from '@gamepulse/service';

/**
 * Stops the processor (finish the batch in hand, final commit, leave the group). A
 * failed final commit marks the exit as failed: nothing is lost, the next start resumes
 * before it.
 */
export function processorStopStep(processor: Processor, ctx: ServiceContext<unknown>, commit: string): ShutdownStep {
  return {
    name: `processor: finish the batch, ${commit}, leave the group`,
    run: () =>
      processor.stop().catch((err: unknown) => {
        ctx.fail();
        throw err;
      }),
    timeoutMs: 30_000,
  };
}
