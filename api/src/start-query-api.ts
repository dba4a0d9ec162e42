/** Serves `createQueryApi` on a port: what `npm start` and the integration tests use. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createQueryApi } from './create-query-api.ts';
import type { StartQueryApiOptions } from './options.ts';

export interface QueryApiServer {
  port: number;
  /** Stops accepting, closes idle keep-alive connections, waits for in-flight requests. Leaves the store open. */
  close(): Promise<void>;
}

export async function startQueryApi(options: StartQueryApiOptions): Promise<QueryApiServer> {
  const { port, host = '127.0.0.1', ...apiOptions } = options;
  const server = createServer(createQueryApi(apiOptions));
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
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Browsers keep connections open; without this close() waits for their timeout.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
