/** Serves `createQueryApi` on a port: what `npm start` and the integration tests use. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dialectFor } from '@gamepulse/kpi';
import { hasChangeFeed } from '@gamepulse/store';
import { createRegistry } from '@gamepulse/service';
import { createQueryApi } from './create-query-api.ts';
import { createLiveChanges, type LiveChanges } from './live/live-changes.ts';
import { pollChanges } from './live/poll-changes.ts';
import { liveChangesMetrics } from './metrics.ts';
import type { StartQueryApiOptions } from './options.ts';

export interface QueryApiServer {
  port: number;
  /** Stops accepting, closes idle keep-alive connections, waits for in-flight requests. Leaves the store open. */
  close(): Promise<void>;
}

export async function startQueryApi(options: StartQueryApiOptions): Promise<QueryApiServer> {
  const { port, host = '127.0.0.1', live = true, liveProbeIntervalMs, ...apiOptions } = options;
  const registry = apiOptions.registry ?? createRegistry('query-api');
  const { store } = apiOptions;
  const changes: LiveChanges | undefined =
    apiOptions.changes ??
    (live
      ? createLiveChanges({
          engine: store.engine,
          source: hasChangeFeed(store)
            ? store
            : pollChanges({
                store,
                dialect: apiOptions.dialect ?? dialectFor(store.engine),
                ...(liveProbeIntervalMs === undefined ? {} : { intervalMs: liveProbeIntervalMs }),
                ...(apiOptions.logger ? { logger: apiOptions.logger } : {}),
              }),
          metrics: liveChangesMetrics(registry),
        })
      : undefined);
  const server = createServer(createQueryApi({ ...apiOptions, registry, ...(changes ? { changes } : {}) }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      // Event streams never end on their own: server.close() would wait for them.
      changes?.close();
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Browsers keep connections open; without this close() waits for their timeout.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
