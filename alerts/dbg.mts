import { openDuckDbStore } from '@gamepulse/store';
import { seasonalRollupHistory } from '@gamepulse/testkit';
import { evaluateRule, loadRulesFile } from './src/index.ts';
const DAY = 86_400_000,
  MIN = 60_000;
const START = Date.UTC(2026, 9, 5);
const at = (d: number, h: number) => START + d * DAY + h * 3_600_000;
const h = seasonalRollupHistory({
  startMs: START,
  days: 9,
  seed: 'incidents-1',
  incidents: [
    { kind: 'fraud', startMs: at(7, 19), durationMs: 20 * MIN },
    { kind: 'exploit', startMs: at(8, 10), durationMs: 20 * MIN },
  ],
});
console.log(h.incidents.map((i) => [i.kind, i.events, i.players.length]));
const fr = h.rollups.filter((r) => r.eventType === 'purchase' && r.windowStartMs! >= at(7, 19) && r.windowStartMs! < at(7, 19) + 20 * MIN);
console.log('purchase rows in fraud', fr.length, fr.slice(0, 3));
const ex = h.rollups.filter((r) => r.eventType === 'resource' && r.windowStartMs! >= at(8, 10) && r.windowStartMs! < at(8, 10) + 3 * MIN);
console.log('resource rows in exploit', ex.length, ex.slice(0, 4));
const store = await openDuckDbStore({ path: ':memory:' });
await store.commit({ consumer: 'h', rollups: h.rollups, players: h.players, positions: [], state: [], deadLetters: [] });
const rules = loadRulesFile('config/alert-rules.yml').rules;
for (const [name, t0] of [
  ['PurchaseBurst', at(7, 19)],
  ['CurrencyEarnedSpike', at(8, 10)],
] as const)
  for (const m of [5, 10, 15, 20]) {
    const ev = await evaluateRule(
      rules.find((r) => r.name === name)!,
      t0 + m * MIN,
      { store },
    );
    console.log(name, m, JSON.stringify(ev.series));
  }
