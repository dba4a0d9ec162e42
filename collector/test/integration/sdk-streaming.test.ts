/**
 * SDK end to end over the streaming transports: the real Node SDK (@gamepulse/sdk/node,
 * transports 'websocket' and 'grpc-stream') against the real collector over the real
 * embedded log. Every event the SDK tracked is acknowledged, exactly once in the log,
 * and the SDK's deletion request lands on the deletions topic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeletionRequest, IngestedBatch } from '@gamepulse/proto';
import { topicNames } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { loadCollectorConfig, startCollector, type RunningCollector } from '../../src/index.ts';
import { openTempLog, readTopic, type TempLog } from '@gamepulse/testkit';

const KEY = 'sdk-stream-key';
const TOPICS = topicNames('sdks');

describe('SDK → collector over WebSocket and gRPC Stream (real SDK, real collector, real log)', () => {
  let temp: TempLog;
  let collector: RunningCollector;
  beforeAll(async () => {
    temp = await openTempLog();
    const config = loadCollectorConfig({
      env: {},
      overrides: { httpPort: 0, grpcPort: 0, keys: [`${KEY}=demo:sdks`], topicPrefix: 'sdks', geoip: false },
    });
    collector = await startCollector({ config, log: temp.log, logger: createLogger({ service: 'collector-test', write: () => {} }) });
  });
  afterAll(async () => {
    await collector?.close();
    await temp?.dispose();
  });

  for (const transport of ['websocket', 'grpc-stream'] as const) {
    it(`${transport}: 300 tracked events in 30 batches, all acked, each once in the log`, async () => {
      const installId = `sdk-${transport}`;
      const debug: string[] = [];
      const acked: number[] = [];
      const gp = createNodeGamepulse({
        gameKey: KEY,
        gameId: 'demo',
        endpoint: `http://127.0.0.1:${collector.httpPort}`,
        grpcEndpoint: `http://127.0.0.1:${collector.grpcPort}`,
        transport,
        installId,
        maxBatchEvents: 10,
        flushIntervalMs: 50,
        // Memory storage is deliberate here (no storageDir): its warning is expected.
        onDebug: (m) =>
          m.level !== 'debug' && m.level !== 'info' && m.code !== 'GP_SDK_STORAGE_VOLATILE' && debug.push(`${m.code}: ${m.message}`),
        onBatchAcked: (seq) => acked.push(seq),
      });
      gp.session.start();
      for (let i = 0; i < 148; i++) gp.design(`level:step:${i % 7}`, i);
      for (let i = 0; i < 150; i++) gp.progression.complete('world1', `level${i % 10}`);
      gp.session.end();
      await gp.flush();
      const stats = gp.stats();
      await gp.shutdown();
      expect(debug).toEqual([]);
      expect(stats.transport).toBe(transport);
      expect(stats.ackedEvents).toBe(300);
      expect(stats.rejectedEvents).toBe(0);
      const logged = (await readTopic(temp.log, TOPICS.events))
        .filter((r) => r.key === installId)
        .flatMap((r) => IngestedBatch.decode(r.value).events.map((e) => e.eventId));
      expect(logged).toHaveLength(300);
      expect(new Set(logged).size).toBe(300);
      expect(acked.length).toBeGreaterThanOrEqual(30);
      const text = await (await fetch(`http://127.0.0.1:${collector.httpPort}/metrics`)).text();
      const label = transport === 'websocket' ? 'ws' : 'grpc_stream';
      expect(text).toMatch(
        new RegExp(`gamepulse_collector_requests_total\\{transport="${label}",outcome="accepted",code="OK",service="collector"\\} [1-9]`),
      );
    });
  }

  it('the SDK’s requestDeletion() is recorded on the deletions topic', async () => {
    const gp = createNodeGamepulse({
      gameKey: KEY,
      gameId: 'demo',
      endpoint: `http://127.0.0.1:${collector.httpPort}`,
      installId: 'sdk-del',
      transport: 'http',
    });
    gp.identify('player-to-forget');
    const result = await gp.requestDeletion();
    await gp.shutdown();
    expect(result).toMatchObject({ ok: true });
    const records = (await readTopic(temp.log, TOPICS.deletions)).map((r) => ({
      key: r.key,
      ...DeletionRequest.toObject(DeletionRequest.decode(r.value)),
    }));
    expect(records).toEqual([
      expect.objectContaining({
        key: 'demo:player-to-forget',
        gameId: 'demo',
        playerId: 'player-to-forget',
        installId: 'sdk-del',
        source: 'sdk',
      }),
    ]);
  });
});
