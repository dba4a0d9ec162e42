/** The SDK's integration-test support (real collector, log reader, Chromium rig), shared by the samples' tests. */
export { exactlyOnce, GAME_ID, GAME_KEY, startRealCollector, type RealCollector, type DeliveredEvent } from '../../../sdk/test/integration/support/real-collector.ts';
export { launchChromium, until } from '../../../sdk/test/integration/support/browser-rig.ts';
