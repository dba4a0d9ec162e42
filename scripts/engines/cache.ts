import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where fetched engines (Kafka, Druid jars) live: outside the repo so a clean clone
 * reuses them. Override with GAMEPULSE_CACHE.
 */
export function cacheRoot(): string {
  return process.env.GAMEPULSE_CACHE ?? join(homedir(), '.cache', 'gamepulse');
}
