import { describe, expect, it } from 'vitest';
import type { ConsumerHandlers, Log, PartitionBatch } from '@gamepulse/log';
import { encodeRollupsRecord, playerToJson, rollupToJson } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import { AnalyticsError, type Checkpoint, type RollupCommit, type RollupSink } from '@gamepulse/store';
import { batchToCommit, createRollupsLoader } from './loader.ts';

const quiet = createLogger({ service: 'test', write: () => undefined });
const row = {
  windowStartMs: 60_000,
  gameId: 'g',
  build: 'b',
  platform: 'web',
  country: 'DE',
  eventType: 'purchase',
  action: '',
  currency: 'EUR',
  item: 'i',
  variant: '',
  events: 2,
  amount: 5,
  value: 0,
  region: 'Europe',
  subregion: 'Western Europe',
  lateEvents: 0,
  revenueReportingMinor: 0,
  reportingCurrency: '',
};
const player = {
  windowStartMs: 60_000,
  gameId: 'g',
  build: 'b',
  platform: 'web',
  country: 'DE',
  playerId: 'p',
  firstSeenDayMs: 0,
  events: 2,
  purchases: 1,
  sessions: 0,
  variant: 'shop_layout:grid',
  gapSessions: 1,
  activeMs: 42_000,
  maxProgress: 3_000,
  revenueReportingMinor: 0,
  region: 'Europe',
  subregion: 'Western Europe',
};
const rec = (offset: number, value: Uint8Array) => ({ topic: 'ro', partition: 0, offset, key: 'k', value, timestampMs: 1 });

function batch(from: number, values: Uint8Array[], nextOffset = from + values.length + 1): PartitionBatch {
  return { topic: 'ro', partition: 0, records: values.map((v, i) => rec(from + i, v)), nextOffset, highWatermark: nextOffset };
}

describe('druid/loader', () => {
  it('a batch is one commit: rows, poison as dead letters, the next offset, conditional on where it started; records below it are skipped', () => {
    const b = batch(10, [
      encodeRollupsRecord(rollupToJson(row)),
      encodeRollupsRecord(playerToJson(player)),
      new Uint8Array([0xff]),
      encodeRollupsRecord(rollupToJson(row)),
    ]);
    const c = batchToCommit('rollups-loader', b, 11);
    expect(c.rollups).toEqual([row]); // offset 10 was loaded already
    expect(c.players).toEqual([player]);
    expect(c.deadLetters).toMatchObject([{ code: 'GP_LOADER_RECORD_UNDECODABLE', source: 'rollups-loader' }]);
    expect(c.positions).toEqual([{ topic: 'ro', partition: 0, offset: 15 }]);
    expect(c.expectedPositions).toEqual([{ topic: 'ro', partition: 0, offset: 11 }]);
  });

  it('on a position conflict reloads the stored position, and the redelivered batch loads only what is new', async () => {
    let handlers: ConsumerHandlers | undefined;
    const log = {
      consumer: () => ({
        run: async (h: ConsumerHandlers) => void (handlers = h),
        stop: async () => undefined,
        commit: async () => undefined,
      }),
    } as unknown as Log;
    let stored = 0;
    const commits: RollupCommit[] = [];
    const sink: RollupSink = {
      loadCheckpoint: async (): Promise<Checkpoint> => ({ positions: [{ topic: 'ro', partition: 0, offset: stored }], state: [] }),
      commit: async (c) => {
        const expected = c.expectedPositions![0]!.offset;
        if (expected !== stored) throw new AnalyticsError('GP_STORE_POSITION_CONFLICT', 'moved');
        stored = c.positions[0]!.offset;
        commits.push(c);
      },
    };
    const loader = createRollupsLoader({ log, sink, topic: 'ro', logger: quiet });
    await loader.start();
    expect(await handlers!.onAssigned!([{ topic: 'ro', partition: 0 }])).toEqual([{ topic: 'ro', partition: 0, offset: 0 }]);
    stored = 2; // another owner loaded offsets 0 and 1 meanwhile
    const values = [0, 1, 2, 3].map(() => encodeRollupsRecord(rollupToJson(row)));
    await expect(handlers!.onBatch(batch(0, values, 4))).rejects.toMatchObject({ code: 'GP_STORE_POSITION_CONFLICT' });
    await handlers!.onBatch(batch(0, values, 4)); // delivered again
    expect(commits).toHaveLength(1);
    expect(commits[0]!.rollups).toHaveLength(2);
    expect(loader.stats()).toMatchObject({ commits: 1, conflicts: 1, rollups: 2, positions: [{ partition: 0, offset: 4 }] });
    // A position-only batch (transaction markers) moves the stored position too.
    await handlers!.onBatch({ topic: 'ro', partition: 0, records: [], nextOffset: 6, highWatermark: 6 });
    expect(stored).toBe(6);
  });
});
