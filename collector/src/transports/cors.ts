/**
 * CORS for browser games (Fetch standard, "CORS protocol"). A batch request is never
 * "simple": it sends the key header and a protobuf content type, so browsers preflight
 * it with OPTIONS first. The key is a header, not a cookie, so credentials stay off and
 * `*` is a safe default.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOW_HEADERS = 'content-type, content-encoding, x-gamepulse-key, x-gamepulse-signature, authorization';
const ALLOW_METHODS = 'POST, OPTIONS';
/** Retry-After is not a CORS-safelisted response header; the SDK must read it on 429/503. */
const EXPOSE_HEADERS = 'retry-after';
/** Chromium caps preflight caching at 7200 s (Firefox at 86400 s); ask for the lower. */
const MAX_AGE_S = '7200';

export interface Cors {
  /** Sets the CORS headers of an actual (non-preflight) response, if the origin is allowed. */
  apply(req: IncomingMessage, res: ServerResponse): void;
  /** Answers a preflight request. */
  preflight(req: IncomingMessage, res: ServerResponse): void;
}

export function createCors(allowedOrigins: readonly string[]): Cors {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const allowOrigin = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin) return false;
    if (any) {
      res.setHeader('access-control-allow-origin', '*');
      return true;
    }
    // The answer depends on the Origin header: caches must key on it.
    res.setHeader('vary', 'origin');
    if (!allowed.has(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    return true;
  };
  return {
    apply(req, res) {
      if (allowOrigin(req, res)) res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    },
    preflight(req, res) {
      if (allowOrigin(req, res)) {
        res.setHeader('access-control-allow-methods', ALLOW_METHODS);
        res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
        res.setHeader('access-control-max-age', MAX_AGE_S);
      }
      res.writeHead(204).end();
    },
  };
}
