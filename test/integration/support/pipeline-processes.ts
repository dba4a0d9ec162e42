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
    'apps/src/collector.ts',
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
    'apps/src/processor.ts',
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

/**
 * Ports for services that are killed and restarted on the same port: taken below
 * Linux's ephemeral range (32768–60999), from 22000–25999 (clear of the fixed ports of
 * the Kafka and Druid test engines). A port the kernel hands out for `listen(0)` comes
 * from the ephemeral range, and while a killed service is down, any outgoing
 * connection (a Kafka client's, say) may get it as its source port: a chaos run failed
 * with EADDRINUSE restarting a processor that way.
 */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = 22_000 + Math.floor(Math.random() * 4_000);
    // Not one this process handed out already (its service may not listen yet), and
    // reserved before the check awaits, so concurrent calls cannot pick the same one.
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  throw new Error('no free TCP port in 22000-25999 on 127.0.0.1');
}

async function canListen(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort) => {
    const s = createServer();
    s.once('error', () => resolvePort(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolvePort(true)));
  });
}
