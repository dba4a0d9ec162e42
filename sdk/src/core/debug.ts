/**
 * Delivery of diagnostics to the game's `onDebug` callback. A callback that throws is
 * the game's bug, but it must not break the SDK (nor be reported to itself forever).
 * The code's description is not bundled (it would cost the browser bundle ~1.5 KB
 * gzip): `SDK_CODES` (codes.ts), `EVENT_CODES` of @gamepulse/proto and the README
 * describe every code; a message carries the specifics (field, batch, status).
 */
import type { DebugLevel, DebugMessage, GamepulseCode } from './codes.ts';

export type DebugDetails = Omit<DebugMessage, 'level' | 'code' | 'message'> & { message?: string };

export type Report = (level: DebugLevel, code: GamepulseCode, details?: DebugDetails) => void;

export function createReporter(onDebug: ((message: DebugMessage) => void) | undefined): Report {
  if (!onDebug) return () => {};
  return (level, code, details) => {
    try {
      onDebug({ ...details, level, code, message: details?.message ?? (details?.field ? `${code} (${details.field})` : code) });
    } catch {
      // Swallowed on purpose: reporting the failure would call the same callback.
    }
  };
}
