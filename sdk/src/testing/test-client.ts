/**
 * A client wired to a manual clock, a seeded random source, a fake transport and
 * memory storage, for the SDK's unit tests.
 */
import type { Gamepulse, PlatformDeps } from '../core/api.ts';
import { createGamepulse } from '../core/create.ts';
import type { DebugMessage } from '../core/codes.ts';
import { createManualClock, type ManualClock } from '../core/manual-clock.ts';
import { createMemoryStorage, type MemoryStorage } from '../core/memory-storage.ts';
import type { GamepulseOptions } from '../core/options.ts';
import { createSeededRandom } from '../core/random.ts';
import type { Storage } from '../core/storage.ts';
import type { Ack } from '../core/transport.ts';
import { createFakeTransport, type FakeTransport } from './fake-transport.ts';

export interface TestClient {
  gp: Gamepulse;
  clock: ManualClock;
  transport: FakeTransport;
  storage: Storage;
  debug: DebugMessage[];
  acked: Array<{ sequence: number; ack: Ack }>;
}

export interface TestClientSetup {
  options?: Partial<GamepulseOptions>;
  transport?: FakeTransport;
  storage?: Storage | MemoryStorage;
  clock?: ManualClock;
  /** Other platform parts: a send lock, a transport stack, connectivity. */
  deps?: Pick<PlatformDeps, 'lock' | 'sendStack' | 'connectivity'>;
}

export function createTestClient(setup: TestClientSetup = {}): TestClient {
  const clock = setup.clock ?? createManualClock();
  const transport = setup.transport ?? createFakeTransport();
  const storage = setup.storage ?? createMemoryStorage();
  const debug: DebugMessage[] = [];
  const acked: TestClient['acked'] = [];
  const gp = createGamepulse(
    {
      gameKey: 'test-key',
      endpoint: 'http://127.0.0.1:1',
      gameId: 'space_miner',
      build: '1.2.3',
      platform: 'server',
      clock,
      random: createSeededRandom(1),
      onDebug: (m) => debug.push(m),
      onBatchAcked: (sequence, ack) => acked.push({ sequence, ack }),
      ...setup.options,
    },
    { transport, storage, ...setup.deps },
  );
  return { gp, clock, transport, storage, debug, acked };
}
