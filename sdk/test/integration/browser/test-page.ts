/**
 * The page the Chromium tests drive: the browser SDK as a game uses it, configured from
 * the query string, with hooks on `window` for the test (track numbered events, read
 * stats, debug messages and any error that reached the page).
 */
import { createBrowserGamepulse, type DebugMessage, type Gamepulse } from '../../../src/browser/index.ts';

declare global {
  interface Window {
    gp: Gamepulse;
    gpDebug: Array<Pick<DebugMessage, 'code' | 'message' | 'level'>>;
    gpErrors: string[];
    gpExitSends: unknown[];
    gpTrack(from: number, to: number, tag?: string): void;
  }
}

const params = new URLSearchParams(location.search);
window.gpErrors = [];
window.gpDebug = [];
window.gpExitSends = [];
addEventListener('error', (e) => window.gpErrors.push(`error: ${e.message}`));
addEventListener('unhandledrejection', (e) => window.gpErrors.push(`unhandledrejection: ${String(e.reason)}`));

const gp = createBrowserGamepulse({
  gameKey: params.get('key')!,
  endpoint: params.get('endpoint')!,
  gameId: 'demo',
  build: '1.0.0',
  platform: 'web',
  flushIntervalMs: Number(params.get('flushMs') ?? 500),
  retry: { baseDelayMs: 100, maxDelayMs: 1_000 },
  circuitBreaker: { openMs: 500, maxOpenMs: 2_000 },
  transport: (params.get('transport') as 'http' | 'websocket' | null) ?? 'http',
  onDebug: (m) => window.gpDebug.push({ code: m.code, message: m.message, level: m.level }),
  onExitSend: (r) => window.gpExitSends.push(r),
});
window.gp = gp;
window.gpTrack = (from, to, tag = 'x') => {
  for (let i = from; i < to; i++) gp.track({ featureUse: { feature: 'test_event' } }, { n: String(i), tag });
};
document.title = 'ready';
