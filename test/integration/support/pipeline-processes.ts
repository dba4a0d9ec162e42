/**
 * Runs the embedded pipeline as `npm start` does — a collector process and a processor
 * process (with the query API) over one data dir — for end-to-end tests that kill and
 * restart processes for real.
 */
import { join, resolve } from 'node:path';
import { startService, stopService, waitReady, type Service } from '../../../scripts/start/services.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface PipelinePorts {
  http: number;
  grpc: number;
  query: number;
}

export function collectorProcess(dataDir: string, ports: PipelinePorts, keys: string): Service {
  return startService(
    'collector',
    'collector/src/main.ts',
    {
      GAMEPULSE_LOG_DIR: join(dataDir, 'log'),
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(ports.http),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(ports.grpc),
      GAMEPULSE_COLLECTOR_KEYS: keys,
    },
    `http://127.0.0.1:${ports.http}/readyz`,
    join(dataDir, 'logs'),
    ROOT,
  );
}

export function processorProcess(dataDir: string, ports: PipelinePorts, env: Record<string, string> = {}): Service {
  return startService(
    'processor',
    'processor/src/main.ts',
    {
      GAMEPULSE_LOG_DIR: join(dataDir, 'log'),
      GAMEPULSE_STORE_PATH: join(dataDir, 'gamepulse.duckdb'),
      GAMEPULSE_PROCESSOR_PORT: String(ports.query),
      ...env,
    },
    `http://127.0.0.1:${ports.query}/readyz`,
    join(dataDir, 'logs'),
    ROOT,
  );
}

export { startService, stopService, waitReady, type Service };

/** A free TCP port on loopback (bind to 0, read it, close). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}
