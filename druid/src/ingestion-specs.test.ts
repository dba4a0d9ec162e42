/**
 * druid/ingestion without a Druid: the specs' invariants (read_committed, rollup, the
 * columns the KPI library reads) and the comparison that makes submit idempotent.
 * Submitting to a real overlord: druid/test/integration/druid-kpis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { reindexTask } from '../ingestion/delete-player.ts';
import { periodMs, specChanges } from '../ingestion/spec-diff.ts';
import { datasourceNames, supervisorSpecs } from '../ingestion/specs.ts';

describe('druid/ingestion', () => {
  it('keeps read_committed, rollup, millis time and one kind per datasource, whatever the options', () => {
    const specs = supervisorSpecs({ bootstrapServers: 'k:9092', topic: 't', taskDuration: 'PT1M', datasources: { players: 'p2' } });
    expect(specs.map((s) => s.spec.spec.dataSchema.dataSource)).toEqual([
      'gamepulse_rollups',
      'p2',
      'gamepulse_player_days',
      'gamepulse_player_steps',
    ]);
    for (const { spec } of specs) {
      const { ioConfig, dataSchema } = spec.spec;
      expect(ioConfig).toMatchObject({
        topic: 't',
        taskDuration: 'PT1M',
        useEarliestOffset: true,
        consumerProperties: { 'bootstrap.servers': 'k:9092', 'isolation.level': 'read_committed' },
      });
      expect(dataSchema).toMatchObject({ timestampSpec: { column: 'window_start', format: 'millis' }, granularitySpec: { rollup: true } });
    }
    const kinds = specs.map(
      (s) => (s.spec.spec.dataSchema as unknown as { transformSpec: { filter: { matchValue: string } } }).transformSpec.filter.matchValue,
    );
    expect(kinds).toEqual(['rollup', 'player', 'player', 'step']);
    expect(datasourceNames()).toEqual({
      rollups: 'gamepulse_rollups',
      players: 'gamepulse_players',
      playerDays: 'gamepulse_player_days',
      steps: 'gamepulse_player_steps',
    });
  });

  it('gives the player datasources the dimensions the Druid dialect queries, and no ingestion-time sketch (apache/druid#14315)', () => {
    for (const { role, spec } of supervisorSpecs().filter((s) => s.role === 'players' || s.role === 'playerDays')) {
      const ds = spec.spec.dataSchema as unknown as {
        metricsSpec: Array<{ type: string; name: string }>;
        dimensionsSpec: { dimensions: unknown[] };
      };
      expect(
        ds.metricsSpec.map((m) => m.name),
        role,
      ).toEqual(['input_rows', 'events', 'purchases', 'sessions', 'gap_sessions', 'active_ms', 'max_progress', 'revenue_reporting_minor']);
      expect(ds.dimensionsSpec.dimensions).toContainEqual({ type: 'long', name: 'first_seen_day' });
      expect(ds.dimensionsSpec.dimensions).toContain('variant');
      expect(ds.dimensionsSpec.dimensions).toContain('player_id');
    }
  });

  it('sees no change where Druid only normalized the spec, and names each real change', () => {
    const ours = {
      spec: {
        ioConfig: { taskDuration: 'PT1M', topic: 't' },
        dataSchema: { dimensionsSpec: { dimensions: ['game_id', { type: 'long', name: 'd' }] } },
      },
    };
    const druid = {
      spec: {
        ioConfig: { taskDuration: 'PT60S', topic: 't', replicas: 1 },
        dataSchema: {
          dimensionsSpec: {
            dimensions: [
              { type: 'string', name: 'game_id', multiValueHandling: 'SORTED_ARRAY' },
              { type: 'long', name: 'd' },
            ],
          },
        },
      },
    };
    expect(specChanges(ours, druid)).toEqual([]);
    expect(specChanges({ spec: { ioConfig: { taskDuration: 'PT2M', topic: 'u' } } }, druid)).toEqual([
      'spec.ioConfig.taskDuration: "PT60S" → "PT2M"',
      'spec.ioConfig.topic: "t" → "u"',
    ]);
    expect(specChanges({ a: [1, 2] }, { a: [1] })).toEqual(['a: 1 entries → 2 entries']);
    expect(periodMs('PT1H')).toBe(3_600_000);
    expect(periodMs('P1DT30M')).toBe(88_200_000);
    expect(periodMs('P1M')).toBeUndefined(); // months are not durations: compared as text
  });

  it('builds the player-deletion reindex from the spec: only the affected chunks, the player filtered out, metrics re-aggregated', () => {
    const intervals = ['2026-02-03T00:00:00.000Z/2026-02-04T00:00:00.000Z', '2026-02-01T00:00:00.000Z/2026-02-02T00:00:00.000Z'];
    const task = reindexTask('players', 'ds', intervals, 'g1', 'p1') as {
      spec: { dataSchema: Record<string, unknown> & { dimensionsSpec: { dimensions: unknown[] } }; ioConfig: Record<string, unknown> };
      context?: unknown;
    };
    const { dataSchema, ioConfig } = task.spec;
    expect(ioConfig).toEqual({
      type: 'index_parallel',
      inputSource: { type: 'druid', dataSource: 'ds', interval: '2026-02-01T00:00:00.000Z/2026-02-04T00:00:00.000Z' },
      appendToExisting: false,
      dropExisting: true,
    });
    expect(dataSchema.granularitySpec).toEqual({
      type: 'uniform',
      segmentGranularity: 'DAY',
      queryGranularity: 'MINUTE',
      rollup: true,
      intervals,
    });
    expect(dataSchema.timestampSpec).toEqual({ column: '__time', format: 'millis' });
    // rolled-up rows: a count becomes a sum of the stored counts, or input_rows would shrink
    expect(dataSchema.metricsSpec).toEqual([
      { type: 'longSum', name: 'input_rows', fieldName: 'input_rows' },
      { type: 'longSum', name: 'events', fieldName: 'events' },
      { type: 'longSum', name: 'purchases', fieldName: 'purchases' },
      { type: 'longSum', name: 'sessions', fieldName: 'sessions' },
      { type: 'longSum', name: 'gap_sessions', fieldName: 'gap_sessions' },
      { type: 'longSum', name: 'active_ms', fieldName: 'active_ms' },
      // a max stays a max: the furthest progression of the re-aggregated rows
      { type: 'longMax', name: 'max_progress', fieldName: 'max_progress' },
      { type: 'longSum', name: 'revenue_reporting_minor', fieldName: 'revenue_reporting_minor' },
    ]);
    expect(dataSchema.transformSpec).toEqual({
      filter: {
        type: 'not',
        field: {
          type: 'and',
          fields: [
            { type: 'equals', column: 'game_id', matchValueType: 'STRING', matchValue: 'g1' },
            { type: 'equals', column: 'player_id', matchValueType: 'STRING', matchValue: 'p1' },
          ],
        },
      },
    });
    expect(dataSchema.dimensionsSpec.dimensions).toContain('variant');
    expect(task.context).toBeUndefined();
    expect((reindexTask('playerDays', 'd2', intervals, 'g', 'p', { concurrentLocks: true }) as { context: unknown }).context).toEqual({
      useConcurrentLocks: true,
    });
    expect(
      (reindexTask('playerDays', 'd2', intervals, 'g', 'p') as { spec: { dataSchema: { granularitySpec: unknown } } }).spec.dataSchema
        .granularitySpec,
    ).toMatchObject({ segmentGranularity: 'MONTH', queryGranularity: 'DAY' });
  });
});
