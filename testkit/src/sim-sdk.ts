/**
 * Simulated players on the real SDK: the simulator (@gamepulse/samples) hands each
 * player's `createClient` an install profile and a clock; this maps them onto the SDK's
 * options, the one place tests and benches do it. (`npm start` — scripts/start — is
 * product tooling and keeps its own mapping.)
 *
 *   createClient: (p, clock) => createNodeGamepulse(simPlayerSdkOptions(p, clock, { gameKey, gameId, endpoint })),
 */
import type { NodeGamepulseOptions } from '@gamepulse/sdk/node';
import type { InstallProfile, SimClock } from '@gamepulse/samples';

/** The options a test chooses: everything but who the install is and its clock. */
export type SimPlayerSdkOptions = Omit<NodeGamepulseOptions, keyof InstallProfile | 'clock'>;

/** The SDK options of simulated player `p`: its identity and context from the profile, time from its simulated clock. */
export function simPlayerSdkOptions(p: InstallProfile, clock: SimClock, options: SimPlayerSdkOptions): NodeGamepulseOptions {
  return {
    ...options,
    installId: p.installId,
    playerId: p.playerId,
    platform: p.platform,
    build: p.build,
    country: p.country,
    locale: p.locale,
    clock,
  };
}

/**
 * A mix of transports across players, fixed by install id: installs ending in 3 or 7
 * (a fifth of them) send over gRPC, the rest over HTTP, to the collector's two ports.
 */
export function mixedTransport(
  p: InstallProfile,
  ports: { http: number; grpc: number },
): Pick<NodeGamepulseOptions, 'endpoint' | 'transport'> {
  const grpc = p.installId.endsWith('3') || p.installId.endsWith('7');
  return { endpoint: `http://127.0.0.1:${grpc ? ports.grpc : ports.http}`, transport: grpc ? 'grpc' : 'http' };
}

/**
 * A UTC midnight `daysBack` days before today: a simulation start recent enough for the
 * collector's 90-day event-time rule, so nothing is rewritten whatever day a test runs.
 */
export function recentUtcMidnight(daysBack = 3, nowMs = Date.now()): number {
  return Math.floor(nowMs / 86_400_000 - daysBack) * 86_400_000;
}
