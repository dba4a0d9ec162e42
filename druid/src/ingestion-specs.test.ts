/**
 * druid/ingestion without a Druid: the specs' invariants (read_committed, rollup, the
 * columns the KPI library reads) and the comparison that makes submit idempotent.
 * Submitting to a real overlord: druid/test/integration/druid-kpis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { periodMs, specChanges } from '../ingestion/spec-diff.ts';
import { datasourceNames, supervisorSpecs } from '../ingestion/specs.ts';

describe('druid/ingestion', () => {
  it('keeps read_committed, rollup, millis time and one kind per datasource, whatever the options', () => {
    const specs = supervisorSpecs({ bootstrapServers: 'k:9092', topic: 't', taskDuration: 'PT1M', datasources: { players: 'p2' } });
    expect(specs.map((s) => s.spec.spec.dataSchema.dataSource)).toEqual(['gamepulse_rollups', 'p2', 'gamepulse_player_days']);
    for (const { spec } of specs) {
      const { ioConfig, dataSchema } = spec.spec;
      expect(ioConfig).toMatchObject({ topic: 't', taskDuration: 'PT1M', useEarliestOffset: true, consumerProperties: { 'bootstrap.servers': 'k:9092', 'isolation.level': 'read_committed' } });
      expect(dataSchema).toMatchObject({ timestampSpec: { column: 'window_start', format: 'millis' }, granularitySpec: { rollup: true } });
    }
    const kinds = specs.map((s) => (s.spec.spec.dataSchema as unknown as { transformSpec: { filter: { matchValue: string } } }).transformSpec.filter.matchValue);
    expect(kinds).toEqual(['rollup', 'player', 'player']);
    expect(datasourceNames()).toEqual({ rollups: 'gamepulse_rollups', players: 'gamepulse_players', playerDays: 'gamepulse_player_days' });
  });

  it('gives the player datasources the dimensions the Druid dialect queries, and no ingestion-time sketch (apache/druid#14315)', () => {
    for (const { role, spec } of supervisorSpecs().filter((s) => s.role !== 'rollups')) {
      const ds = spec.spec.dataSchema as unknown as { metricsSpec: Array<{ type: string; name: string }>; dimensionsSpec: { dimensions: unknown[] } };
      expect(ds.metricsSpec.map((m) => m.name), role).toEqual(['input_rows', 'events', 'purchases', 'sessions']);
      expect(ds.dimensionsSpec.dimensions).toContainEqual({ type: 'long', name: 'first_seen_day' });
      expect(ds.dimensionsSpec.dimensions).toContain('variant');
      expect(ds.dimensionsSpec.dimensions).toContain('player_id');
    }
  });

  it('sees no change where Druid only normalized the spec, and names each real change', () => {
    const ours = { spec: { ioConfig: { taskDuration: 'PT1M', topic: 't' }, dataSchema: { dimensionsSpec: { dimensions: ['game_id', { type: 'long', name: 'd' }] } } } };
    const druid = {
      spec: {
        ioConfig: { taskDuration: 'PT60S', topic: 't', replicas: 1 },
        dataSchema: { dimensionsSpec: { dimensions: [{ type: 'string', name: 'game_id', multiValueHandling: 'SORTED_ARRAY' }, { type: 'long', name: 'd' }] } },
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
});
