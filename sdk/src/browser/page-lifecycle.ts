/**
 * The page lifecycle (Page Lifecycle API; "Don't lose user and app state", web.dev):
 * `visibilitychange` → hidden is the last event a page reliably gets on mobile, so the
 * session pauses and everything queued is sent then; `visible` resumes the session
 * (or starts a new one after `sessionTimeoutMs`). `pagehide` (unload, navigation, the
 * back/forward cache) freezes what is left and sends it with keepalive requests
 * (exit-send.ts), and tells the other tabs this one is leaving.
 */
import type { ClientInternals } from '../core/client.ts';
import { KEEPALIVE_BATCH_BYTES, sendOnExit, type ExitSendResult } from './exit-send.ts';

export interface PageLifecycleOptions {
  endpoint: string;
  gameKey: string;
  /** Tells other tabs that this one's journal may now be adopted. */
  leaving: () => void;
  /** Observer (tests, debugging). */
  onExitSend?: (result: ExitSendResult) => void;
}

export function installPageLifecycle(client: ClientInternals, o: PageLifecycleOptions): () => void {
  const doc = globalThis.document;
  if (!doc) return () => {};
  const onVisibility = () => (doc.visibilityState === 'hidden' ? client.pause() : client.resume());
  const onPageHide = () => {
    const batches = client.delivery.freezeForExit(KEEPALIVE_BATCH_BYTES);
    const result = sendOnExit(batches, o);
    o.leaving();
    o.onExitSend?.(result);
  };
  const onPageShow = (e: PageTransitionEvent) => {
    if (e.persisted) client.resume(); // back from the back/forward cache
  };
  doc.addEventListener('visibilitychange', onVisibility);
  globalThis.addEventListener('pagehide', onPageHide);
  globalThis.addEventListener('pageshow', onPageShow);
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility);
    globalThis.removeEventListener('pagehide', onPageHide);
    globalThis.removeEventListener('pageshow', onPageShow);
  };
}
