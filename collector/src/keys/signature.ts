/**
 * Optional body signatures for server-side senders (a game server posting on behalf of
 * its players), in the manner of Stripe's webhook signatures:
 *
 *   x-gamepulse-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing secret, t + "." + body)>
 *
 * `body` is the request body exactly as sent (after gzip when Content-Encoding is
 * gzip). Several `v1=` entries may be given (a sender rotating its secret signs with
 * both); one match is enough. The timestamp must be within the replay window of the
 * collector's clock, which bounds how long a captured request can be replayed; replays
 * inside the window are harmless by design (a batch re-sent is recognised by the
 * processor by install id and batch_sequence and counted once).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { failure, type CollectorFailure } from '../errors.ts';
import type { IngestKey } from './key-ring.ts';

export const SIGNATURE_HEADER = 'x-gamepulse-signature';

export interface ParsedSignature {
  timestampS: number;
  v1: Buffer[];
}

export function parseSignature(header: string): ParsedSignature | undefined {
  let timestampS: number | undefined;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestampS = Number(value);
    else if (name === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) v1.push(Buffer.from(value, 'hex'));
  }
  return timestampS !== undefined && v1.length > 0 && v1.length <= 4 ? { timestampS, v1 } : undefined;
}

/** The signature a sender computes; exported for clients and tests. */
export function signBody(secret: string | Uint8Array, timestampS: number, body: Uint8Array): string {
  const mac = createHmac('sha256', secret).update(`${timestampS}.`).update(body).digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

/**
 * Checks the signature of a request for `key`. No header: fine unless the key requires
 * one. A header is always checked when present (a sender that signs wants to know).
 */
export function verifySignature(
  key: IngestKey,
  header: string | undefined,
  body: Uint8Array,
  nowMs: number,
  toleranceS: number,
): { ok: true } | CollectorFailure {
  if (header === undefined || header === '') return key.signatureRequired ? failure('GP_AUTH_SIGNATURE_MISSING') : { ok: true };
  const parsed = parseSignature(header);
  const secrets = key.signingSecrets ?? [];
  if (!parsed || secrets.length === 0) return failure('GP_AUTH_SIGNATURE_INVALID');
  if (Math.abs(nowMs / 1000 - parsed.timestampS) > toleranceS)
    return failure(
      'GP_AUTH_SIGNATURE_EXPIRED',
      `signature time ${parsed.timestampS} is more than ${toleranceS} s from the collector's clock`,
    );
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${parsed.timestampS}.`).update(body).digest();
    for (const given of parsed.v1) if (timingSafeEqual(expected, given)) return { ok: true };
  }
  return failure('GP_AUTH_SIGNATURE_INVALID');
}
