import { failure, type CollectorFailure } from '../errors.ts';
import type { IngestKey, KeyRing } from '../keys.ts';

/**
 * Key check, first of all steps, so an unauthenticated client costs one map lookup.
 * An empty header counts as missing (some HTTP clients send empty values).
 */
export function authenticate(keys: KeyRing, key: string | undefined): { ok: true; key: IngestKey } | CollectorFailure {
  if (!key) return failure('GP_AUTH_KEY_MISSING');
  const found = keys.get(key);
  return found ? { ok: true, key: found } : failure('GP_AUTH_KEY_INVALID');
}
