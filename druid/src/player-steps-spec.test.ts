/**
 * The player-steps datasource (player funnels): its spec keeps the dimensions and
 * measures the Druid dialect's player_funnel reads, and a player deletion rewrites it
 * with `first_ms` still a MIN (a longSum there would add the times of merged rows).
 */
import { describe, expect, it } from 'vitest';
import { PLAYER_ROLES, reindexTask } from '../ingestion/delete-player.ts';
import { readSpecFile } from '../ingestion/specs.ts';

describe('druid/ingestion player steps', () => {
  it('ingests kind=step rows with the step key, the player and variant as dimensions, first_ms as longMin', () => {
    const ds = readSpecFile('steps').spec.dataSchema as unknown as {
      transformSpec: { filter: { matchValue: string } };
      dimensionsSpec: { dimensions: unknown[] };
      metricsSpec: Array<{ type: string; name: string }>;
      granularitySpec: Record<string, unknown>;
    };
    expect(ds.transformSpec.filter.matchValue).toBe('step');
    expect(ds.dimensionsSpec.dimensions).toEqual([
      'game_id',
      'build',
      'platform',
      'country',
      'event_type',
      'action',
      'item',
      'variant',
      'player_id',
    ]);
    expect(ds.metricsSpec.map((m) => [m.type, m.name])).toEqual([
      ['count', 'input_rows'],
      ['longMin', 'first_ms'],
      ['longSum', 'events'],
    ]);
    expect(ds.granularitySpec).toMatchObject({ queryGranularity: 'MINUTE', rollup: true });
  });

  it('is one of the datasources a player deletion rewrites, re-aggregating first_ms by MIN', () => {
    expect(PLAYER_ROLES).toContain('steps');
    const task = reindexTask('steps', 'ds', ['2026-02-01T00:00:00.000Z/2026-02-02T00:00:00.000Z'], 'g1', 'p1') as {
      spec: { dataSchema: { metricsSpec: unknown[] } };
    };
    expect(task.spec.dataSchema.metricsSpec).toEqual([
      { type: 'longSum', name: 'input_rows', fieldName: 'input_rows' },
      { type: 'longMin', name: 'first_ms', fieldName: 'first_ms' },
      { type: 'longSum', name: 'events', fieldName: 'events' },
    ]);
  });
});
