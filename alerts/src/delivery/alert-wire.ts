/**
 * Pieces of Alertmanager's wire formats that both sinks share: RFC 3339 times and the
 * alert fingerprint.
 */

/** RFC 3339 in UTC with milliseconds (`2026-12-07T22:10:00.000Z`), as Go's `time.Time` parses it. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** Go's zero `time.Time`, which Alertmanager's webhook payload carries as a firing alert's `endsAt`. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const FNV64_OFFSET = 14695981039346656037n;
const FNV64_PRIME = 1099511628211n;
const MASK64 = (1n << 64n) - 1n;
/** prometheus/common `model.SeparatorByte`. */
const SEPARATOR = 0xff;

/**
 * The fingerprint Alertmanager gives an alert: prometheus/common `LabelSet.Fingerprint`,
 * FNV-1a 64 over the label names in byte order, each name and value followed by 0xff,
 * printed as 16 hex digits. Equal to what `GET /api/v2/alerts` reports, so a receiver can
 * key on it whichever sink delivered the alert.
 */
export function labelsFingerprint(labels: Record<string, string>): string {
  const encoder = new TextEncoder();
  let hash = FNV64_OFFSET;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  };
  for (const name of Object.keys(labels).sort(compareBytes)) {
    for (const b of encoder.encode(name)) add(b);
    add(SEPARATOR);
    for (const b of encoder.encode(labels[name])) add(b);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Go's string order (bytes of UTF-8); label names are ASCII, where it equals code-unit order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
