/**
 * The browser's sending code, a chunk of its own that the SDK starts loading as soon as
 * a client is created (scripts/bundle-size.ts: "deferred", apart from the core): the
 * transport stack (retry, circuit breaker, fallback), the HTTP transport (fetch, gzip,
 * BatchAck and error answers) and the page lifecycle with its keepalive sends on page
 * close. Events are recorded before it arrives: they wait in the queue and the journal,
 * as they do while the collector is unreachable.
 */
export { createFetchTransport } from '../core/http/fetch-transport.ts';
export { createSendStack } from '../core/send-stack.ts';
export { createBrowserGzip } from './gzip.ts';
export { installPageLifecycle } from './page-lifecycle.ts';
