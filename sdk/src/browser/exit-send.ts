/**
 * Sending while the page goes away. Normal requests are cancelled when a document
 * unloads; `fetch(..., { keepalive: true })` outlives it, within a budget: the Fetch
 * standard lets at most 64 KiB of keepalive request bodies be in flight per fetch group
 * (fetch.spec.whatwg.org, "HTTP-network-or-cache fetch", step on inflight keepalive
 * bytes), and browsers refuse a request beyond it. So batches frozen for exit are cut
 * to at most KEEPALIVE_BATCH_BYTES, sent uncompressed (there is no time to wait for an
 * asynchronous CompressionStream) and oldest first while they fit; the rest go by
 * `navigator.sendBeacon` if it takes them (same quota in Chromium, its own elsewhere).
 * Responses are never read: the batches stay stored until a later page (or this one,
 * if it comes back from the back/forward cache) sees them acknowledged; a batch that
 * arrives twice has the same batch_sequence and bytes, and the backend drops the copy.
 *
 * sendBeacon cannot set headers, so it carries the key as `?key=` and no content type
 * (a typed Blob would need a CORS preflight, which beacons do not make with `*`).
 */
import type { FrozenBatch } from '../core/frozen-batch.ts';

/** The keepalive quota of the Fetch standard. */
export const KEEPALIVE_QUOTA_BYTES = 65_536;
/** Room left for headers and a second small request. */
export const KEEPALIVE_BATCH_BYTES = 60_000;

export interface ExitSendOptions {
  endpoint: string;
  gameKey: string;
}

export interface ExitSendResult {
  keepalive: number[];
  beacon: number[];
  left: number[];
}

export function sendOnExit(batches: readonly FrozenBatch[], o: ExitSendOptions): ExitSendResult {
  const url = `${o.endpoint}/v1/batch`;
  const result: ExitSendResult = { keepalive: [], beacon: [], left: [] };
  let budget = KEEPALIVE_QUOTA_BYTES;
  for (const batch of batches) {
    if (batch.bytes.length <= budget && typeof fetch === 'function') {
      try {
        fetch(url, {
          method: 'POST',
          keepalive: true,
          headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': o.gameKey },
          body: batch.bytes as Uint8Array<ArrayBuffer>,
        }).catch(() => undefined);
        budget -= batch.bytes.length;
        result.keepalive.push(batch.sequence);
        continue;
      } catch {
        // over quota in this browser: try a beacon
      }
    }
    let queued: boolean;
    try {
      queued =
        globalThis.navigator?.sendBeacon?.(`${url}?key=${encodeURIComponent(o.gameKey)}`, new Blob([batch.bytes as BlobPart])) ?? false;
    } catch {
      queued = false;
    }
    (queued ? result.beacon : result.left).push(batch.sequence);
  }
  return result;
}
