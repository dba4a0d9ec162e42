/**
 * HTTP transport over `fetch` (browsers, Node >= 18): POST `${endpoint}/v1/batch` with
 * the frozen batch as `application/x-protobuf`, gzip-compressed above
 * `compressMinBytes`, the game key in `x-gamepulse-key`; the answer is a BatchAck.
 * Platform code supplies the compressor. One attempt per call: retry.ts wraps it.
 */
import { ackResult } from '../ack.ts';
import type { Clock } from '../clock.ts';
import type { Compressor } from '../compress.ts';
import type { FrozenBatch } from '../frozen-batch.ts';
import type { SendResult, Transport } from '../transport.ts';
import { failureForStatus } from './http-status.ts';

export interface FetchTransportOptions {
  /** Collector base URL; requests go to `${endpoint}/v1/batch`. */
  endpoint: string;
  gameKey: string;
  /** Omit to never compress. */
  compressor?: Compressor;
  compressMinBytes: number;
  timeoutMs: number;
  clock: Clock;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

interface Body {
  bytes: Uint8Array;
  encoding: string | undefined;
}

/** Error text from the collector is reported, but bounded. */
const MAX_ERROR_TEXT = 512;

export function createFetchTransport(o: FetchTransportOptions): Transport {
  const url = `${o.endpoint.replace(/\/+$/, '')}/v1/batch`;
  // Each frozen batch is compressed once; a re-send posts the very same body.
  const bodies = new WeakMap<FrozenBatch, Promise<Body>>();

  const bodyFor = (batch: FrozenBatch): Promise<Body> => {
    let body = bodies.get(batch);
    if (!body) {
      const compressor = o.compressor;
      body =
        compressor && batch.bytes.length >= o.compressMinBytes
          ? compressor.compress(batch.bytes).then(
              (bytes): Body => ({ bytes, encoding: compressor.encoding }),
              (): Body => ({ bytes: batch.bytes, encoding: undefined }), // uncompressed beats never
            )
          : Promise.resolve({ bytes: batch.bytes, encoding: undefined });
      bodies.set(batch, body);
    }
    return body;
  };

  return {
    name: 'http',
    async send(batch, signal): Promise<SendResult> {
      const doFetch = o.fetch ?? globalThis.fetch;
      const controller = new AbortController();
      let timedOut = false;
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = o.clock.setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, o.timeoutMs);
      try {
        const body = await bodyFor(batch);
        const headers: Record<string, string> = {
          'content-type': 'application/x-protobuf',
          accept: 'application/x-protobuf',
          'x-gamepulse-key': o.gameKey,
        };
        if (body.encoding) headers['content-encoding'] = body.encoding;
        const res = await doFetch(url, { method: 'POST', headers, body: body.bytes as Uint8Array<ArrayBuffer>, signal: controller.signal });
        const payload = new Uint8Array(await res.arrayBuffer());
        if (res.ok) return ackResult(batch, payload);
        const text = new TextDecoder().decode(payload.subarray(0, MAX_ERROR_TEXT));
        return failureForStatus(res.status, res.headers.get('retry-after'), o.clock.now(), text);
      } catch (cause) {
        if (signal?.aborted) return { ok: false, retryable: true, code: 'GP_SDK_ABORTED' };
        if (timedOut) return { ok: false, retryable: true, code: 'GP_SDK_SEND_TIMEOUT', message: `no answer within ${o.timeoutMs} ms` };
        return { ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: String(cause) };
      } finally {
        o.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
