import { describe, expect, it } from 'vitest';
import { PlayerStep } from './messages.ts';
import { decodeRollupsRecord, encodeRollupsRecord, jsonToStep, rollupsRecordKey, stepToJson, type StepJson } from './rollups-topic.ts';

describe('proto/rollups-topic step rows', () => {
  it('maps every PlayerStep field, both ways', () => {
    const s = {
      windowStartMs: 180_000,
      gameId: 'g',
      build: 'b',
      platform: 'android',
      country: 'JP',
      playerId: 'p1',
      eventType: 'progression',
      action: 'complete',
      item: 'forest:level3',
      variant: 'shop_layout:grid',
      firstMs: 181_234,
      events: 3,
    };
    // Guard: a field added to the proto must be added to the JSON mapping too.
    expect(Object.keys(s)).toHaveLength(Object.keys(PlayerStep.toObject({}, { defaults: true })).length);
    const row = decodeRollupsRecord(encodeRollupsRecord(stepToJson(s)));
    expect(row.kind).toBe('step');
    expect(jsonToStep(row as StepJson)).toEqual(s);
    expect(rollupsRecordKey(row)).toBe('g:180000');
  });

  it('writes defaults for unset fields', () => {
    expect(stepToJson({ windowStartMs: 60_000, playerId: 'p1' })).toMatchObject({
      kind: 'step',
      event_type: '',
      variant: '',
      first_ms: 0,
      events: 0,
    });
  });
});
