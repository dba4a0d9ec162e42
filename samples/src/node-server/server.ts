/**
 * A Node game server reporting to gamepulse over gRPC streaming: it hosts matches of
 * a small arena game (simulated players join, fight, earn and spend coins, buy things)
 * and tracks the server-authoritative events for each player — the kind of events a
 * client must not be trusted with (match results, rewards, purchases validated by the
 * server). One SDK client per server process, with a fixed install id (the server),
 * player ids per event through `identify()`, a storage directory (locked to this
 * process) that keeps the install's counters and batch stream, unacknowledged batches
 * and queued events across restarts, and a SIGTERM hook that flushes within a deadline
 * before the process exits (what Kubernetes' termination grace period expects).
 *
 *   npx tsx samples/src/node-server/server.ts --grpc http://127.0.0.1:50051 --key dev-key \
 *     [--server-id arena-server-1] [--storage .data/node-server/<server id>] [--matches 0=forever]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createNodeGamepulse, type NodeGamepulseOptions } from '@gamepulse/sdk/node';
import type { Gamepulse } from '@gamepulse/sdk';

export interface GameServerOptions {
  /** Collector gRPC address, e.g. http://127.0.0.1:50051. */
  grpcEndpoint: string;
  /** Collector HTTP address (the fallback transport). */
  httpEndpoint: string;
  gameKey: string;
  gameId?: string;
  /** The install id: one per server (a fixed id with volatile storage restarts its counters). @default 'arena-server-1' */
  serverId?: string;
  /**
   * Directory for the SDK's state (install id, counters and batch stream), unacknowledged
   * batches and queued events; one per server, on a disk that survives restarts (a
   * Kubernetes StatefulSet volume, say). Required: with a fixed install id and memory
   * storage, every restart would number batches from 1 again and lose what was unsent.
   */
  storageDir: string;
  /** Matches to play; 0 = until stopped. */
  matches?: number;
  playersPerMatch?: number;
  /** Ms between match ticks (0 in tests). */
  tickMs?: number;
  shutdownOnSignals?: NodeGamepulseOptions['shutdownOnSignals'];
  seed?: number;
}

export interface GameServer {
  gp: Gamepulse;
  /** Resolves when the requested matches were played. */
  done: Promise<{ matches: number; events: number }>;
  stop(): Promise<void>;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where the CLI keeps a server's SDK data unless `--storage` says otherwise (`.data/` is the repo's git-ignored data directory). */
export function defaultStorageDir(serverId: string): string {
  return join('.data', 'node-server', serverId);
}

export function startGameServer(o: GameServerOptions): GameServer {
  const serverId = o.serverId ?? 'arena-server-1';
  const gp = createNodeGamepulse({
    gameKey: o.gameKey,
    endpoint: o.httpEndpoint,
    grpcEndpoint: o.grpcEndpoint,
    transport: ['grpc-stream', 'grpc', 'http'],
    gameId: o.gameId ?? 'demo',
    build: 'server-1.0.0',
    platform: 'server',
    installId: serverId,
    storageDir: o.storageDir,
    ...(o.shutdownOnSignals ? { shutdownOnSignals: o.shutdownOnSignals } : {}),
    flushIntervalMs: 1_000,
  });
  const rnd = seeded(o.seed ?? 7);
  let stopped = false;
  let events = 0;
  const tick = () => new Promise((r) => setTimeout(r, o.tickMs ?? 50));

  async function playMatch(n: number): Promise<void> {
    const players = Array.from({ length: o.playersPerMatch ?? 4 }, (_, i) => `player-${(n * 7 + i * 13) % 50}`);
    const arena = `arena${1 + (n % 3)}`;
    for (const p of players) {
      gp.identify(p);
      gp.progression.start('pvp', arena, undefined, { attempt: 1 });
      events++;
    }
    for (let round = 0; round < 5 && !stopped; round++) {
      for (const p of players) {
        gp.identify(p);
        if (rnd() < 0.6) {
          gp.resource.source('coins', 5 + Math.floor(rnd() * 20), 'kill_reward');
          events++;
        }
        if (rnd() < 0.1) {
          gp.resource.sink('coins', 25, 'shop', 'health_potion');
          events++;
        }
        if (rnd() < 0.05) {
          gp.purchase({
            currency: 'EUR',
            amountMinor: 299,
            itemType: 'battle_pass',
            itemId: 'season_3',
            transactionId: `srv-${n}-${round}-${p}`,
            store: 'steam',
          });
          events++;
        }
      }
      await tick();
    }
    const winner = players[Math.floor(rnd() * players.length)]!;
    for (const p of players) {
      gp.identify(p);
      if (p === winner) gp.progression.complete('pvp', arena, undefined, { attempt: 1, score: 100 });
      else gp.progression.fail('pvp', arena, undefined, { attempt: 1 });
      events++;
    }
  }

  const done = (async () => {
    await gp.ready;
    gp.session.start();
    let played = 0;
    while (!stopped && (o.matches === undefined || o.matches === 0 || played < o.matches)) {
      await playMatch(played);
      played++;
    }
    return { matches: played, events };
  })();

  return {
    gp,
    done,
    async stop() {
      stopped = true;
      await done;
      await gp.shutdown();
    },
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { values } = parseArgs({
    options: {
      grpc: { type: 'string', default: 'http://127.0.0.1:50051' },
      http: { type: 'string', default: 'http://127.0.0.1:8080' },
      key: { type: 'string', default: 'dev-key' },
      matches: { type: 'string', default: '0' },
      'server-id': { type: 'string', default: 'arena-server-1' },
      storage: { type: 'string' },
      tick: { type: 'string', default: '50' },
    },
  });
  const server = startGameServer({
    grpcEndpoint: values.grpc,
    httpEndpoint: values.http,
    gameKey: values.key,
    matches: Number(values.matches),
    tickMs: Number(values.tick),
    serverId: values['server-id'],
    storageDir: values.storage ?? defaultStorageDir(values['server-id']),
    shutdownOnSignals: { deadlineMs: 5_000 },
  });
  console.log(
    JSON.stringify({
      msg: 'game server started',
      transport: 'grpc-stream',
      pid: process.pid,
      installId: values['server-id'],
      storageDir: values.storage ?? defaultStorageDir(values['server-id']),
    }),
  );
  const result = await server.done;
  await server.gp.shutdown();
  console.log(JSON.stringify({ msg: 'game server finished', ...result, stats: server.gp.stats() }));
}
