import { describe, expect, it } from 'vitest';
import { PlayerWindow, RollupRow } from './messages.ts';
import { decodeRollupsRecord, encodeRollupsRecord, jsonToPlayer, jsonToRollup, playerToJson, rollupToJson } from './rollups-topic.ts';

describe('proto/rollups-topic', () => {
  it('maps every RollupRow and PlayerWindow field, both ways', () => {
    // Guard: a field added to the proto must be added to the JSON mapping too.
    const rollupFields = Object.keys(RollupRow.toObject({}, { defaults: true })).length;
    const r = {
      windowStartMs: 60_000,
      gameId: 'g',
      build: 'b',
      platform: 'web',
      country: 'DE',
      eventType: 'purchase',
      action: 'a',
      currency: 'EUR',
      item: 'i',
      variant: 'x:y',
      events: 2,
      amount: 998,
      value: 1.5,
      region: 'Europe',
      subregion: 'Western Europe',
      lateEvents: 1,
      revenueReportingMinor: 1077,
      reportingCurrency: 'USD',
    };
    expect(Object.keys(r)).toHaveLength(rollupFields);
    expect(jsonToRollup(decodeRollupsRecord(encodeRollupsRecord(rollupToJson(r))) as ReturnType<typeof rollupToJson>)).toEqual(r);
    const p = {
      windowStartMs: 120_000,
      gameId: 'g',
      build: 'b',
      platform: 'ios',
      country: 'BR',
      playerId: 'p1',
      firstSeenDayMs: 86_400_000,
      events: 5,
      purchases: 1,
      sessions: 1,
      variant: 'onboarding:guided,shop_layout:grid',
      revenueReportingMinor: 1077,
      region: 'Americas',
      subregion: 'South America',
      gapSessions: 2,
      activeMs: 754_000,
      maxProgress: 1_003_000,
    };
    expect(Object.keys(p)).toHaveLength(Object.keys(PlayerWindow.toObject({}, { defaults: true })).length);
    expect(jsonToPlayer(decodeRollupsRecord(encodeRollupsRecord(playerToJson(p))) as ReturnType<typeof playerToJson>)).toEqual(p);
  });

  it('reads a player record from before gap_sessions, active_ms and max_progress as 0', () => {
    const old = new TextEncoder().encode(JSON.stringify({ kind: 'player', window_start: 60_000, player_id: 'p1', events: 1, variant: '' }));
    expect(jsonToPlayer(decodeRollupsRecord(old) as ReturnType<typeof playerToJson>)).toMatchObject({
      gapSessions: 0,
      activeMs: 0,
      maxProgress: 0,
    });
  });

  it('writes variant on player rows, "" when unset, and reads a record from before the field as ""', () => {
    expect(playerToJson({ windowStartMs: 60_000, playerId: 'p1' }).variant).toBe('');
    expect(playerToJson({ windowStartMs: 60_000, playerId: 'p1', variant: 'shop_layout:grid' }).variant).toBe('shop_layout:grid');
    const old = new TextEncoder().encode(
      '{"kind":"player","window_start":60000,"game_id":"g","build":"","platform":"","country":"","player_id":"p1","first_seen_day":0,"events":1,"purchases":0,"sessions":0}',
    );
    expect(jsonToPlayer(decodeRollupsRecord(old) as ReturnType<typeof playerToJson>).variant).toBe('');
    // and the reporting-currency fields as 0 / ''
    expect(jsonToPlayer(decodeRollupsRecord(old) as ReturnType<typeof playerToJson>).revenueReportingMinor).toBe(0);
    const oldRollup = new TextEncoder().encode(
      '{"kind":"rollup","window_start":60000,"game_id":"g","build":"","platform":"","country":"","event_type":"purchase","action":"","currency":"EUR","item":"","variant":"","events":1,"amount":99,"value":0}',
    );
    expect(jsonToRollup(decodeRollupsRecord(oldRollup) as ReturnType<typeof rollupToJson>)).toMatchObject({
      revenueReportingMinor: 0,
      reportingCurrency: '',
    });
  });

  it("reads region, subregion and late_events of a record from before the fields as '' and 0", () => {
    const old = new TextEncoder().encode(
      '{"kind":"rollup","window_start":60000,"game_id":"g","build":"","platform":"","country":"DE","event_type":"ad","action":"show","currency":"","item":"","variant":"","events":1,"amount":0,"value":0}',
    );
    const r = jsonToRollup(decodeRollupsRecord(old) as ReturnType<typeof rollupToJson>);
    expect([r.region, r.subregion, r.lateEvents]).toEqual(['', '', 0]);
    const oldPlayer = new TextEncoder().encode('{"kind":"player","window_start":60000,"game_id":"g","player_id":"p1","events":1}');
    const p = jsonToPlayer(decodeRollupsRecord(oldPlayer) as ReturnType<typeof playerToJson>);
    expect([p.region, p.subregion]).toEqual(['', '']);
  });

  it('rejects poison', () => {
    expect(() => decodeRollupsRecord(new TextEncoder().encode('{"kind":"other"}'))).toThrow(/not a rollups-topic row/);
    expect(() => decodeRollupsRecord(new Uint8Array([0xff, 0x00]))).toThrow();
  });
});
