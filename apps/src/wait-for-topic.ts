import type { Log } from '@gamepulse/log';
import type { Logger } from '@gamepulse/service';

/** The collector creates the events and deletions topics; a processor started first waits for them. False when stopped meanwhile. */
export async function waitForTopic(log: Log, topic: string, everyMs: number, stopped: () => boolean, logger: Logger): Promise<boolean> {
  let warned = false;
  while (!stopped()) {
    if ((await log.partitions(topic).catch(() => undefined)) !== undefined) return true;
    if (!warned) logger.warn('waiting for the collector to create the topic', { topic });
    warned = true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}
