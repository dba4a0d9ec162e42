/**
 * Delivery of diagnostics to the game's `onDebug` callback. A callback that throws is
 * the game's bug, but it must not break the SDK (nor be reported to itself forever).
 */
import { EVENT_CODES } from '@gamepulse/proto';
import { SDK_CODES, type DebugLevel, type DebugMessage, type GamepulseCode } from './codes.ts';

export type DebugDetails = Omit<DebugMessage, 'level' | 'code' | 'message'> & { message?: string };

export type Report = (level: DebugLevel, code: GamepulseCode, details?: DebugDetails) => void;

export function describeCode(code: GamepulseCode): string {
  return (SDK_CODES as Record<string, string>)[code] ?? (EVENT_CODES as Record<string, string>)[code] ?? code;
}

export function createReporter(onDebug: ((message: DebugMessage) => void) | undefined): Report {
  if (!onDebug) return () => {};
  return (level, code, details) => {
    try {
      onDebug({ ...details, level, code, message: details?.message ?? describeCode(code) });
    } catch {
      // Swallowed on purpose: reporting the failure would call the same callback.
    }
  };
}
